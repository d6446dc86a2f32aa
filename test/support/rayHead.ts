import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A free loopback TCP port. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

export interface PrivateRayHead {
  address: string;
  /** SIGKILL to the head's whole process group: GCS, raylet, dashboard and workers die at once. */
  kill(): Promise<void>;
}

const READY_TIMEOUT_MS = 120_000;

const answers = async (url: string): Promise<boolean> => {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok;
  } catch {
    return false;
  }
};

/**
 * A second, private single-node head (the one .ci/run starts is shared by every suite) whose
 * dashboard listens on `dashboardPort`, so a test can take Ray away and bring it back at one address.
 * `ray start --block` keeps the head's processes in one process group, which is what kill() ends.
 */
export const startPrivateRayHead = async (rayBin: string, dashboardPort: number): Promise<PrivateRayHead> => {
  const tempDir = await mkdtemp('/tmp/rayt-');
  const ports = await Promise.all(Array.from({ length: 7 }, freePort));
  const [gcs, agentHttp, agentGrpc, runtimeEnv, metrics, client, nodeManager] = ports.map(String);
  const child: ChildProcess = spawn(
    rayBin,
    [
      'start', '--head', '--block', '--disable-usage-stats', '--node-ip-address=127.0.0.1', `--port=${gcs}`,
      '--dashboard-host=127.0.0.1', `--dashboard-port=${dashboardPort}`, '--include-dashboard=true',
      `--dashboard-agent-listen-port=${agentHttp}`, `--dashboard-agent-grpc-port=${agentGrpc}`,
      `--runtime-env-agent-port=${runtimeEnv}`, `--metrics-export-port=${metrics}`, `--ray-client-server-port=${client}`,
      `--node-manager-port=${nodeManager}`, '--num-cpus=2', '--num-gpus=0', '--object-store-memory=80000000',
      `--temp-dir=${tempDir}`,
    ],
    { detached: true, stdio: 'ignore', env: { ...process.env, RAY_USAGE_STATS_ENABLED: '0' } },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const address = `http://127.0.0.1:${dashboardPort}`;
  const kill = async () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
    await exited;
    await rm(tempDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await answers(`${address}/api/gcs_healthz`)) || !(await answers(`${address}/api/jobs/`))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await kill();
      throw new Error(`the private Ray head did not serve the Jobs API within ${READY_TIMEOUT_MS} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { address, kill };
};

/**
 * The suites that share the head .ci/run started take turns (vitest runs two files at once): the 50-job
 * run would otherwise hold every CPU while another suite's jobs wait PENDING past their time-outs.
 * A directory is the lock; one left by a dead process is taken over. Returns the release.
 */
export const takeTurnOnSharedHead = async (address: string, timeoutMs: number): Promise<() => Promise<void>> => {
  const lock = join(tmpdir(), `ray-head-turn-${new URL(address).port}`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await mkdir(lock);
      await writeFile(join(lock, 'pid'), String(process.pid));
      return () => rm(lock, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(await readFile(join(lock, 'pid'), 'utf8').catch(() => ''));
    if (holder && !isAlive(holder)) await rm(lock, { recursive: true, force: true });
    if (Date.now() > deadline) throw new Error(`another suite held the shared Ray head for over ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
};

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
