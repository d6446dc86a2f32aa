import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The bin `npx dataset-profiler` runs (it loads the bundle scripts/build.mjs built for the tests). */
export const BIN = fileURLToPath(new URL('../../bin/dataset-profiler.js', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as a child process without a terminal; `env` is added to a copy without the CLI's variables. */
export async function runCli(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  const { DATASET_PROFILER_URL: _url, DATASET_PROFILER_TOKEN: _token, ...inherited } = process.env;
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { env: { ...inherited, ...env }, maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
