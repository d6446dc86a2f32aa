import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import {
  CIRCUIT_STATE,
  CircuitBreaker,
  defaultCircuitPolicy,
  FixedClock,
  isTerminalRayStatus,
  silentLogger,
  type RayJobInfo,
  type RayJobStatus,
  type Services,
} from '@dataset-profiler/core';
import { FileCircuitStore, FileJobQueue, FileJobStore, FileProfileStore, FsDatasets } from '@dataset-profiler/local';
import { LocalRayJobs } from '@dataset-profiler/ray';

/**
 * The HTTP layer over the real embedded adapters (the ones test/contracts/embedded.test.ts checks),
 * each test on its own temp directory. No port is faked: states the tests need are reached through
 * the ports themselves, or by putting the real adapter in that state (see `runner: 'unreachable'`).
 */

/** The dataset folders the tests name (validRequest() asks for `weather`). */
const DATASET_FOLDERS = ['weather'];

/** What the Ray head says when it is down; the circuit remembers it as its last error. */
export const RAY_DOWN = 'connect ECONNREFUSED 10.0.0.7:8265';

export interface TestServicesOptions {
  /**
   * `local` (default): a working LocalRayJobs. `unreachable`: a LocalRayJobs whose state directory
   * cannot be created (its path runs through a regular file), so every call throws
   * RunnerUnavailableError, as the port requires of a runner that cannot be reached.
   */
  runner?: 'local' | 'unreachable';
}

export interface TestServices {
  services: Services;
  /** The temp directory holding every store; removed by `cleanup`. */
  dir: string;
  /** Root of the profile store: the paths clients see start here. */
  profilesDir: string;
  /** Root of FsDatasets, holding DATASET_FOLDERS. */
  dataRoot: string;
  clock: FixedClock;
  runner: LocalRayJobs;
  cleanup(): Promise<void>;
}

export const makeTestServices = async ({ runner: runnerKind = 'local' }: TestServicesOptions = {}): Promise<TestServices> => {
  const dir = await mkdtemp(join(tmpdir(), 'http-tests-'));
  const clock = new FixedClock(new Date('2026-01-15T10:00:00.000Z'));
  const profilesDir = join(dir, 'profiles');
  const dataRoot = join(dir, 'data');
  await Promise.all(DATASET_FOLDERS.map((folder) => mkdir(join(dataRoot, folder), { recursive: true })));

  let runnerDir = join(dir, 'runner');
  if (runnerKind === 'unreachable') {
    const notADirectory = join(dir, 'not-a-directory');
    await writeFile(notADirectory, '');
    runnerDir = join(notADirectory, 'runner');
  }
  const runner = new LocalRayJobs({ stateDir: runnerDir, concurrency: 1, stopGraceMs: 500 });

  const requestsDeadLetters = new FileJobQueue({ dir: join(dir, 'queues', 'requests-dlq'), clock });
  let next = 0;
  const services: Services = {
    jobs: new FileJobStore(dir),
    requests: new FileJobQueue({ dir: join(dir, 'queues', 'requests'), clock, deadLetter: requestsDeadLetters }),
    requestsDeadLetters,
    events: new FileJobQueue({ dir: join(dir, 'queues', 'events'), clock }),
    eventsDeadLetters: new FileJobQueue({ dir: join(dir, 'queues', 'events-dlq'), clock }),
    profiles: new FileProfileStore(profilesDir),
    ray: runner,
    circuit: new CircuitBreaker(new FileCircuitStore(join(dir, 'circuit'), clock), clock, defaultCircuitPolicy),
    datasets: new FsDatasets(dataRoot),
    clock,
    newId: () => `0b6c4a1e-3f2d-4c5b-8a9e-${String(++next).padStart(12, '0')}`,
    logger: silentLogger,
  };
  const cleanup = async () => {
    await runner.close();
    await rm(dir, { recursive: true, force: true });
  };
  return { services, dir, profilesDir, dataRoot, clock, runner, cleanup };
};

/** makeTestServices for use inside a test: cleaned up when the test finishes. */
export const testServices = async (options?: TestServicesOptions): Promise<TestServices> => {
  const t = await makeTestServices(options);
  onTestFinished(() => t.cleanup());
  return t;
};

/**
 * Opens the circuit the way the runner does (failureThreshold failures in a row), then lets the
 * cool-down run until `secondsLeft` remain.
 */
export const openCircuit = async (t: TestServices, secondsLeft: number): Promise<void> => {
  for (let failure = 0; failure < defaultCircuitPolicy.failureThreshold; failure++) await t.services.circuit.recordFailure(RAY_DOWN);
  t.clock.advance(defaultCircuitPolicy.coolDownMs - secondsLeft * 1000);
  const record = await t.services.circuit.read();
  if (record.state !== CIRCUIT_STATE.OPEN || record.lastError !== RAY_DOWN) throw new Error(`the circuit did not open: ${JSON.stringify(record)}`);
};

/** Writes `text` where the job store keeps the record of `jobId`: a record that no longer parses. */
export const corruptJobRecord = (t: TestServices, jobId: string, text: string): Promise<void> =>
  writeFile(join(t.dir, 'jobs', `${encodeURIComponent(jobId)}.json`), text);

/** Polls the real runner until the job reaches `status` (or any terminal status, which then fails). */
export const untilRunnerStatus = async (t: TestServices, submissionId: string, status: RayJobStatus, timeoutMs = 10_000): Promise<RayJobInfo> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const info = await t.runner.get(submissionId);
    if (info?.status === status) return info;
    if ((info && isTerminalRayStatus(info.status)) || Date.now() > deadline) {
      throw new Error(`runner job ${submissionId} did not reach ${status}; last seen: ${JSON.stringify(info)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};
