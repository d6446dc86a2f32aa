import { randomUUID } from 'node:crypto';
import { describe, expect } from 'vitest';
import { isTerminalRayStatus, RAY_JOB_STATUS, type RayJobInfo, type RayJobs, type RayJobStatus } from '@dataset-profiler/core';
import { caseRunner, eventually, freshEach, type SkippedCase } from './contractKit.js';

export interface RayJobsContractSettings {
  /** Jobs allowed to run at once, for the case about queueing (a real cluster may ignore it and skip that case). */
  concurrency: number;
}

export interface RayJobsContractOptions {
  make: (settings: RayJobsContractSettings) => Promise<{ ray: RayJobs; cleanup?: () => Promise<void> }>;
  skip?: readonly SkippedCase[];
}

const JOB_TIMEOUT_MS = 15_000;

/** What every RayJobs runner must do (Ray's Jobs API semantics); run it against each implementation. */
export const rayJobsContract = ({ make, skip }: RayJobsContractOptions): void => {
  const test = caseRunner(skip);
  const subject = freshEach(() => make({ concurrency: 1 }));
  const ray = () => subject().ray;
  const newId = () => `contract-${randomUUID()}`;

  const untilStatus = (id: string, wanted: (status: RayJobStatus) => boolean): Promise<RayJobInfo | undefined> =>
    eventually(() => ray().get(id), (info) => info !== undefined && wanted(info.status), JOB_TIMEOUT_MS);
  const untilTerminal = (id: string) => untilStatus(id, isTerminalRayStatus);

  describe('RayJobs contract', () => {
    test('answers a ping', async () => {
      await expect(ray().ping()).resolves.toBeUndefined();
    });

    test('knows nothing of an unknown submission id', async () => {
      expect(await ray().get(newId())).toBeUndefined();
      expect(await ray().stop(newId())).toBe(false);
    });

    test('runs a job to SUCCEEDED and keeps its output', async () => {
      const id = newId();
      await ray().submit({ submissionId: id, entrypoint: 'echo hello' });
      const info = await untilTerminal(id);
      expect(info).toMatchObject({ submissionId: id, status: RAY_JOB_STATUS.SUCCEEDED, exitCode: 0 });
      expect(info?.endTime).toBeGreaterThanOrEqual(info?.startTime ?? Number.POSITIVE_INFINITY);
      expect(await ray().logs(id)).toContain('hello');
    }, JOB_TIMEOUT_MS + 5_000);

    test('reports a non-zero exit as FAILED with the exit code and the logs', async () => {
      const id = newId();
      await ray().submit({ submissionId: id, entrypoint: "echo about to fail; sh -c 'exit 3'" });
      const info = await untilTerminal(id);
      expect(info).toMatchObject({ status: RAY_JOB_STATUS.FAILED, exitCode: 3 });
      expect(info?.message).toMatch(/^Job entrypoint command failed with exit code 3, last available logs/);
      expect(info?.message).toContain('about to fail');
    }, JOB_TIMEOUT_MS + 5_000);

    test('passes the environment variables of the spec', async () => {
      const id = newId();
      await ray().submit({ submissionId: id, entrypoint: 'echo "greeting=$GREETING"', env: { GREETING: 'bonjour' } });
      await untilTerminal(id);
      expect(await ray().logs(id)).toContain('greeting=bonjour');
    }, JOB_TIMEOUT_MS + 5_000);

    test('treats a second submit of the same id as a no-op', async () => {
      const id = newId();
      await ray().submit({ submissionId: id, entrypoint: 'echo first-run' });
      await ray().submit({ submissionId: id, entrypoint: 'echo second-run' });
      expect((await untilTerminal(id))?.status).toBe(RAY_JOB_STATUS.SUCCEEDED);
      const logs = await ray().logs(id);
      expect(logs.match(/first-run/g)).toHaveLength(1);
      expect(logs).not.toContain('second-run');
    }, JOB_TIMEOUT_MS + 5_000);

    test('stops a running job', async () => {
      const id = newId();
      await ray().submit({ submissionId: id, entrypoint: 'sleep 30' });
      await untilStatus(id, (status) => status === RAY_JOB_STATUS.RUNNING);
      expect(await ray().stop(id)).toBe(true);
      expect((await untilTerminal(id))?.status).toBe(RAY_JOB_STATUS.STOPPED);
      expect(await ray().stop(id)).toBe(false);
    }, JOB_TIMEOUT_MS + 5_000);

    test('keeps jobs PENDING while every slot is busy, then runs them in order', async () => {
      const first = newId();
      const second = newId();
      await ray().submit({ submissionId: first, entrypoint: 'sleep 1' });
      await ray().submit({ submissionId: second, entrypoint: 'echo second' });
      await untilStatus(first, (status) => status === RAY_JOB_STATUS.RUNNING);
      expect((await ray().get(second))?.status).toBe(RAY_JOB_STATUS.PENDING);
      const [firstDone, secondDone] = [await untilTerminal(first), await untilTerminal(second)];
      expect([firstDone?.status, secondDone?.status]).toEqual([RAY_JOB_STATUS.SUCCEEDED, RAY_JOB_STATUS.SUCCEEDED]);
      expect(secondDone?.startTime).toBeGreaterThanOrEqual(firstDone?.endTime ?? Number.POSITIVE_INFINITY);
    }, JOB_TIMEOUT_MS + 5_000);

    test('stops a PENDING job before it starts', async () => {
      const blocker = newId();
      const queued = newId();
      await ray().submit({ submissionId: blocker, entrypoint: 'sleep 30' });
      await ray().submit({ submissionId: queued, entrypoint: 'echo never' });
      expect(await ray().stop(queued)).toBe(true);
      expect((await untilTerminal(queued))?.status).toBe(RAY_JOB_STATUS.STOPPED);
      expect(await ray().logs(queued)).not.toContain('never');
      await ray().stop(blocker);
    }, JOB_TIMEOUT_MS + 5_000);
  });
};
