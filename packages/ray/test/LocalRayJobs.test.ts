import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RAY_JOB_STATUS, RunnerUnavailableError, type RayJobInfo } from '@dataset-profiler/core';
import { LocalRayJobs } from '../src/LocalRayJobs.js';
import { eventually, makeTempDir } from '../../../test/contracts/contractKit.js';
import { isAlive, killHard, startRunnerProcess } from './processProbe.js';

const INTERRUPTED = 'interrupted: the local runner stopped while the job was running';

/** A job that sleeps on its first run (after leaving `marker`) and succeeds at once when run again. */
const sleepsOnFirstRun = (marker: string) => `if [ -f ${marker} ]; then echo second run; else touch ${marker}; sleep 30; fi`;
/** The first run is really under way (not just spawned) once its marker exists. */
const untilFirstRunStarted = (marker: string) => eventually(async () => existsSync(marker), Boolean, 10_000);

describe('Class: LocalRayJobs', () => {
  let stateDir: string;
  let remove: () => Promise<void>;
  const runners: LocalRayJobs[] = [];

  const newRunner = (concurrency = 2) => {
    const runner = new LocalRayJobs({ stateDir, concurrency, stopGraceMs: 500 });
    runners.push(runner);
    return runner;
  };
  const untilStatus = (runner: LocalRayJobs, id: string, status: string): Promise<RayJobInfo | undefined> =>
    eventually(() => runner.get(id), (info) => info?.status === status, 10_000);
  const recordedPid = async (id: string): Promise<number> =>
    (JSON.parse(await readFile(join(stateDir, 'jobs', `${id}.json`), 'utf8')) as { pid: number }).pid;

  beforeEach(async () => {
    ({ dir: stateDir, remove } = await makeTempDir('local-ray-jobs'));
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.close()));
    await remove();
  });

  it('kills the whole process group of a stopped job', async () => {
    const runner = newRunner();
    const childPidFile = join(stateDir, 'child.pid');
    await runner.submit({ submissionId: 'group', entrypoint: `sleep 30 & echo $! > ${childPidFile}; wait` });
    await eventually(async () => existsSync(childPidFile), Boolean, 10_000);
    const leader = await recordedPid('group');
    const background = Number(await readFile(childPidFile, 'utf8'));
    expect(await runner.stop('group')).toBe(true);
    expect(await runner.stop('group')).toBe(true);
    expect(await untilStatus(runner, 'group', RAY_JOB_STATUS.STOPPED)).toMatchObject({ message: 'Job was intentionally stopped.' });
    expect(isAlive(leader)).toBe(false);
    await eventually(async () => isAlive(background), (alive) => !alive, 3_000);
  });

  it('reports a job killed by a signal as FAILED with the negated signal number', async () => {
    const runner = newRunner();
    await runner.submit({ submissionId: 'killed', entrypoint: 'kill -9 $$' });
    expect(await untilStatus(runner, 'killed', RAY_JOB_STATUS.FAILED)).toMatchObject({ exitCode: -9 });
  });

  it('turns work away once closed', async () => {
    const runner = newRunner();
    await runner.close();
    await expect(runner.ping()).rejects.toBeInstanceOf(RunnerUnavailableError);
    await expect(runner.submit({ submissionId: 'late', entrypoint: 'true' })).rejects.toBeInstanceOf(RunnerUnavailableError);
  });

  it('starts the PENDING jobs of a previous runner, in submission order', async () => {
    const marker = join(stateDir, 'blocker-ran');
    const before = newRunner(1);
    await before.submit({ submissionId: 'blocker', entrypoint: sleepsOnFirstRun(marker) });
    await before.submit({ submissionId: 'queued-1', entrypoint: 'echo one' });
    await before.submit({ submissionId: 'queued-2', entrypoint: 'echo two' });
    await untilFirstRunStarted(marker);
    await before.close();

    const after = newRunner(1);
    expect(await untilStatus(after, 'queued-2', RAY_JOB_STATUS.SUCCEEDED)).toBeDefined();
    const [one, two] = await Promise.all([after.get('queued-1'), after.get('queued-2')]);
    expect(one?.status).toBe(RAY_JOB_STATUS.SUCCEEDED);
    const blocker = await after.get('blocker');
    expect(one?.startTime).toBeGreaterThanOrEqual(blocker?.endTime ?? Infinity);
    expect(two?.startTime).toBeGreaterThanOrEqual(one?.endTime ?? Infinity);
  }, 20_000);

  it('re-runs from scratch a job that was running when the runner closed', async () => {
    const marker = join(stateDir, 'ran-once');
    const before = newRunner();
    await before.submit({ submissionId: 'again', entrypoint: sleepsOnFirstRun(marker) });
    await untilFirstRunStarted(marker);
    await before.close();

    const after = newRunner();
    expect(await untilStatus(after, 'again', RAY_JOB_STATUS.SUCCEEDED)).toBeDefined();
    expect(await after.logs('again')).toMatch(/started again after an interruption \(attempt 2\)\nsecond run/);
  }, 20_000);

  describe('after its process was killed with SIGKILL', () => {
    it('kills the orphaned process group and runs the job again', async () => {
      const marker = join(stateDir, 'ran-once');
      const runnerProcess = await startRunnerProcess(stateDir, 'orphan', sleepsOnFirstRun(marker));
      await untilFirstRunStarted(marker);
      await killHard(runnerProcess);
      const orphan = await recordedPid('orphan');
      expect(isAlive(orphan)).toBe(true);

      const after = newRunner();
      expect(await untilStatus(after, 'orphan', RAY_JOB_STATUS.SUCCEEDED)).toBeDefined();
      await eventually(async () => isAlive(orphan), (alive) => !alive, 3_000);
      expect(await after.logs('orphan')).toContain('second run');
    }, 30_000);

    it('fails the job after a second interruption instead of running it a third time', async () => {
      await killHard(await startRunnerProcess(stateDir, 'doomed', 'sleep 30'));
      const firstOrphan = await recordedPid('doomed');
      await killHard(await startRunnerProcess(stateDir, 'doomed', 'sleep 30'));
      const secondOrphan = await recordedPid('doomed');
      expect(secondOrphan).not.toBe(firstOrphan);
      expect(isAlive(firstOrphan)).toBe(false);

      const after = newRunner();
      expect(await untilStatus(after, 'doomed', RAY_JOB_STATUS.FAILED)).toMatchObject({ message: INTERRUPTED });
      await eventually(async () => isAlive(secondOrphan), (alive) => !alive, 3_000);
    }, 40_000);
  });
});
