import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/** True while `pid` is a live process (a zombie waiting to be reaped counts as dead). */
export const isAlive = (pid: number): boolean => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
};

const runnerScript = fileURLToPath(new URL('./fixtures/runnerProcess.ts', import.meta.url));

/** Starts a runner in its own process and resolves once its job is RUNNING. */
export const startRunnerProcess = async (stateDir: string, submissionId: string, entrypoint: string): Promise<ChildProcess> => {
  const child = spawn(process.execPath, ['--import', 'tsx', runnerScript, stateDir, submissionId, entrypoint], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 15_000;
  while (!output.includes('running')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the runner process did not start its job (exit ${child.exitCode})`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return child;
};

export const killHard = async (child: ChildProcess): Promise<void> => {
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
};
