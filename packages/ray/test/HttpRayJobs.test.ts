import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { isTerminalRayStatus, RAY_JOB_STATUS, RunnerUnavailableError, type RayJobInfo } from '@dataset-profiler/core';
import { HttpRayJobs, type HttpRayJobsOptions } from '../src/HttpRayJobs.js';
import { RayRequestRejectedError } from '../src/errors.js';
import { eventually, makeTempDir } from '../../../test/contracts/contractKit.js';
import { describeWithService } from '../../../test/support/externalService.js';
import { takeTurnOnSharedHead } from '../../../test/support/rayHead.js';

const headCpus = () => Number(process.env.RAY_HEAD_NUM_CPUS ?? 2);

/** What only Ray does (the shared behaviour is the contract suite in test/contracts/ray.test.ts). */
describeWithService('RAY_ADDRESS', 'Class: HttpRayJobs on a real Ray head', (address) => {
  // Suites on the shared head take turns (see takeTurnOnSharedHead).
  let releaseTurn: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    releaseTurn = await takeTurnOnSharedHead(address, 900_000);
  }, 905_000);
  afterAll(() => releaseTurn?.());
  const made: { ray: HttpRayJobs; ids: string[] }[] = [];
  const newRay = (options: Partial<HttpRayJobsOptions> = {}) => {
    const ray = new HttpRayJobs({ baseUrl: address, requestTimeoutMs: 5_000, retryBudgetMs: 5_000, entrypointNumCpus: 0, entrypointMemoryBytes: 0, ...options });
    const entry = { ray, ids: [] as string[] };
    made.push(entry);
    return entry;
  };
  const id = (entry: { ids: string[] }, name: string) => {
    const submissionId = `http-ray-${name}-${Date.now()}`;
    entry.ids.push(submissionId);
    return submissionId;
  };
  const untilTerminal = (ray: HttpRayJobs, submissionId: string): Promise<RayJobInfo | undefined> =>
    eventually(() => ray.get(submissionId), (info) => !!info && isTerminalRayStatus(info.status), 30_000, 200);

  afterEach(async () => {
    for (const { ray, ids } of made.splice(0)) {
      await Promise.all(ids.map((submissionId) => ray.stop(submissionId)));
      for (const submissionId of ids) await eventually(() => ray.get(submissionId), (info) => !info || isTerminalRayStatus(info.status), 30_000, 200);
      await ray.close();
    }
  });

  it('uploads a local working_dir as a package (two clients, one tree) and starts each job inside it', async () => {
    const { dir, remove } = await makeTempDir('ray-working-dir');
    try {
      await mkdir(join(dir, 'bin'));
      await writeFile(join(dir, 'bin', 'hello.sh'), 'echo "hello from $(basename "$PWD" | cut -c1-9)"\n');
      const first = newRay({ workingDir: dir });
      const second = newRay({ workingDir: dir });
      const [a, b] = [id(first, 'wd-a'), id(second, 'wd-b')];
      await first.ray.submit({ submissionId: a, entrypoint: 'sh bin/hello.sh' });
      await second.ray.submit({ submissionId: b, entrypoint: 'sh bin/hello.sh' });
      expect((await untilTerminal(first.ray, a))?.status).toBe(RAY_JOB_STATUS.SUCCEEDED);
      expect((await untilTerminal(second.ray, b))?.status).toBe(RAY_JOB_STATUS.SUCCEEDED);
      expect(await first.ray.logs(a)).toContain('hello from _ray_pkg_');
    } finally {
      await remove();
    }
  }, 90_000);

  it('holds a job PENDING while the head has no CPU left for it, then runs it', async () => {
    const entry = newRay({ entrypointNumCpus: headCpus() });
    const [blocker, queued] = [id(entry, 'blocker'), id(entry, 'queued')];
    await entry.ray.submit({ submissionId: blocker, entrypoint: 'sleep 3' });
    await entry.ray.submit({ submissionId: queued, entrypoint: 'echo ran' });
    await eventually(() => entry.ray.get(blocker), (info) => info?.status === RAY_JOB_STATUS.RUNNING, 30_000, 200);
    expect(await entry.ray.get(queued)).toMatchObject({ status: RAY_JOB_STATUS.PENDING, message: expect.stringContaining('waiting for resources') });
    expect((await untilTerminal(entry.ray, queued))?.status).toBe(RAY_JOB_STATUS.SUCCEEDED);
  }, 90_000);

  it("reports Ray's error type of a failed entrypoint, and when the entrypoint started, whose line stays out of the logs and the message", async () => {
    const entry = newRay();
    const failing = id(entry, 'fails');
    const submitted = Date.now();
    await entry.ray.submit({ submissionId: failing, entrypoint: 'echo failing now; exit 7' });
    const info = await untilTerminal(entry.ray, failing);
    expect(info).toMatchObject({ status: RAY_JOB_STATUS.FAILED, exitCode: 7, errorType: 'JOB_ENTRYPOINT_COMMAND_ERROR' });
    // Ray's own start_time is the submission's; the entrypoint starts later, once its supervisor is up.
    expect(info?.startTime).toBeGreaterThan(submitted);
    expect(info?.endTime).toBeGreaterThanOrEqual(info?.startTime ?? Number.POSITIVE_INFINITY);
    expect(info?.message).toContain('failing now');
    expect(info?.message).not.toContain('entrypoint started at');
    expect(await entry.ray.logs(failing)).toBe('failing now\n');
  }, 60_000);

  it('turns a request Ray rejects (4xx) into RayRequestRejectedError, which does not count against the circuit', async () => {
    const entry = newRay();
    const rejected = entry.ray.submit({ submissionId: id(entry, 'bad'), entrypoint: 'true', metadata: { count: 3 as unknown as string } });
    await expect(rejected).rejects.toThrow(RayRequestRejectedError);
    await expect(rejected).rejects.not.toThrow(RunnerUnavailableError);
  });
});
