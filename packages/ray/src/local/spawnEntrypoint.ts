import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, closeSync, openSync } from 'node:fs';

export interface EntrypointLaunch {
  shell: string;
  entrypoint: string;
  env: Record<string, string>;
  logPath: string;
  /** Written to the log before a re-run, so the log tells why the output starts again. */
  banner?: string;
}

/**
 * Starts `entrypoint` through the shell as the leader of a new process group (detached), so the
 * whole job (shell and everything it starts) can be signalled at once and found again after the
 * runner itself was killed. stdout and stderr go straight to the log file: the output is kept even
 * while no runner is alive to read it.
 */
export const spawnEntrypoint = (launch: EntrypointLaunch): ChildProcess => {
  if (launch.banner) appendFileSync(launch.logPath, launch.banner);
  const logFd = openSync(launch.logPath, 'a');
  try {
    return spawn(launch.shell, ['-c', launch.entrypoint], {
      detached: true,
      env: { ...process.env, ...launch.env },
      stdio: ['ignore', logFd, logFd],
    });
  } finally {
    // The child holds its own copies of the descriptor.
    closeSync(logFd);
  }
};
