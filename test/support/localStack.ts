import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const REPO = resolve(import.meta.dirname, '../..');
export const FIXTURES = resolve(REPO, '../shared/fixtures/reference-datasets');

export interface RunningStack {
  url: string;
  process: ChildProcess;
  /** Every log line the stack printed, parsed. */
  logs: Record<string, unknown>[];
  kill(signal: NodeJS.Signals): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;

/**
 * Starts `npm start`'s entry point on 127.0.0.1 with a free port; resolves once it listens. A stack
 * that does not listen within START_TIMEOUT_MS is killed, so no test leaves one behind.
 */
export const startStack = (env: Record<string, string>): Promise<RunningStack> =>
  new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--enable-source-maps', join(REPO, 'dist/local-stack.js')], {
      cwd: REPO,
      // The local runner unless the test sets RAY_ADDRESS itself (.ci/run exports one for the Ray suites).
      env: { ...process.env, RAY_ADDRESS: '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const logs: Record<string, unknown>[] = [];
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    const stack: RunningStack = {
      url: '',
      process: child,
      logs,
      async kill(signal) {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
        await exited;
      },
    };
    const deadline = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`local stack did not listen within ${START_TIMEOUT_MS} ms`));
    }, START_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(deadline);
      reject(new Error(`local stack exited early with ${code}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (entry.msg === 'dataset profiler listening' && typeof entry.url === 'string') {
          clearTimeout(deadline);
          stack.url = entry.url;
          resolvePromise(stack);
        }
      } catch {
        // not a log line
      }
    });
  });

/** A fresh DATA_ROOT with copies of the named fixture datasets' data folders, and a fresh DATA_DIR. */
export const makeDirs = async (datasets: string[]) => {
  const base = await mkdtemp(join(tmpdir(), 'profiler-e2e-'));
  const dataRoot = join(base, 'data');
  for (const name of datasets) await cp(join(FIXTURES, name, 'data'), join(dataRoot, name), { recursive: true });
  return { base, dataRoot, dataDir: join(base, 'state'), cleanup: () => rm(base, { recursive: true, force: true }) };
};

/** makeDirs with one two-row table, `tiny/readings.csv`: for suites about the wire, not the profiler. */
export const makeTinyDirs = async () => {
  const dirs = await makeDirs([]);
  await mkdir(join(dirs.dataRoot, 'tiny'), { recursive: true });
  await writeFile(join(dirs.dataRoot, 'tiny', 'readings.csv'), 'station,value\nA,1\nB,2\n');
  return dirs;
};

export const specFor = (datasetFolder: string, overrides: Record<string, unknown> = {}) => ({
  profile_specification: {
    id: '7c4d20a0-33e8-471e-8a3f-a7a54aa09f68',
    name: 'Subway data',
    description: 'Validations per station',
    headline: 'Subway data.',
    fields_of_science: ['CIVIL ENGINEERING'],
    languages: ['el'],
    keywords: ['subway'],
    country: 'GR',
    date_published: '2025-08-23',
    license: 'CC-BY-4.0',
    uploaded_by: 'ADMIN',
    data_connectors: [{ type: 'RawDataPath', dataset_id: datasetFolder }],
    ...overrides,
  },
  only_light_profile: false,
});

export const postJson = async (url: string, body: unknown) => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
};

export const getJson = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
};

const FINAL = new Set(['HEAVY_PROFILES_READY', 'FAILED', 'CLEANED_UP']);

/** Polls job_status until the job is final (LIGHT_PROFILE_READY counts for light-only jobs). */
export const waitForFinal = async (url: string, jobId: string, timeoutMs = 60_000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await getJson(`${url}/profiler/job_status/${jobId}`);
    if (FINAL.has(body.status) || (body.status === 'LIGHT_PROFILE_READY' && body.only_light_profile)) return body;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${body.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
};
