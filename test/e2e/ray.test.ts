import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithService } from '../support/externalService.js';
import { getJson, makeDirs, postJson, specFor, startStack, waitForFinal, type RunningStack } from '../support/localStack.js';
import { takeTurnOnSharedHead } from '../support/rayHead.js';

/** The local stack with RAY_ADDRESS: every profile job runs as a Ray job on the head .ci/run started. */
describeWithService('RAY_ADDRESS', 'the local stack on a real Ray head', (address) => {
  // Suites on the shared head take turns (see takeTurnOnSharedHead).
  let releaseTurn: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    releaseTurn = await takeTurnOnSharedHead(address, 900_000);
  }, 905_000);
  afterAll(() => releaseTurn?.());
  let dirs: Awaited<ReturnType<typeof makeDirs>>;
  const stacks: RunningStack[] = [];
  const env = (extra: Record<string, string> = {}) => ({
    DATA_ROOT: dirs.dataRoot,
    DATA_DIR: join(dirs.base, `state-${stacks.length}`),
    RAY_ADDRESS: address,
    RECONCILE_INTERVAL_MS: '500',
    RECONCILE_GRACE_MS: '2000',
    ...extra,
  });
  const start = async (extra: Record<string, string> = {}) => {
    const stack = await startStack(env(extra));
    stacks.push(stack);
    return stack;
  };

  beforeAll(async () => {
    dirs = await makeDirs(['subway_data']);
    await mkdir(join(dirs.dataRoot, 'small'), { recursive: true });
    await writeFile(join(dirs.dataRoot, 'small', 'a.csv'), 'x,y\n1,a\n2,b\n3,c\n');
  });
  afterAll(async () => {
    await Promise.all(stacks.map((stack) => stack.kill('SIGTERM')));
    await dirs?.cleanup();
  });

  const timeToHeavy = async (url: string) => {
    const started = Date.now();
    const { body } = await postJson(`${url}/profiler/trigger_profile`, specFor('subway_data'));
    const final = await waitForFinal(url, body.job_id, 120_000);
    return { final, ms: Date.now() - started, jobId: body.job_id as string };
  };

  it('profiles subway_data through Ray as the local runner does, and reads the runner status from Ray', async () => {
    const onRay = await start();
    const local = await startStack({ ...env(), RAY_ADDRESS: '' });
    stacks.push(local);
    const ray = await timeToHeavy(onRay.url);
    const runner = await timeToHeavy(local.url);
    console.log(`subway_data trigger → ${ray.final.status}: ${ray.ms} ms on Ray, ${runner.ms} ms on the local runner (${runner.final.status})`);
    expect([ray.final.status, runner.final.status]).toEqual(['HEAVY_PROFILES_READY', 'HEAVY_PROFILES_READY']);
    expect((await getJson(`${onRay.url}/profiler/runner_status/${ray.jobId}`)).body).toBe('completed');
    const [fromRay, fromRunner] = await Promise.all([ray, runner].map(async (run, i) => (await getJson(`${[onRay, local][i]!.url}/profiler/profile/${run.jobId}`)).body));
    expect(fromRay.moma_profile_heavy.recordSet.map((set: any) => set.field.length)).toEqual(
      fromRunner.moma_profile_heavy.recordSet.map((set: any) => set.field.length),
    );
  }, 300_000);

  it('fails a profile job that is killed with Ray\'s message and a short reason, without its logs', async () => {
    // The entrypoint prints a stack trace with a server path, then dies of SIGKILL.
    const stack = await start({ RAY_JOB_ENTRYPOINT: 'echo "Error: boom at /srv/secret/job.js:1"; kill -9 $$' });
    const { body } = await postJson(`${stack.url}/profiler/trigger_profile`, specFor('small'));
    const final = await waitForFinal(stack.url, body.job_id, 60_000);
    expect(final).toMatchObject({
      status: 'FAILED',
      message: expect.stringMatching(/^The profile job failed in the runner: Job entrypoint command failed with exit code -9/),
      additional_details: { runner_status: 'FAILED', reason: 'JOB_ENTRYPOINT_COMMAND_ERROR', exit_code: -9 },
    });
    expect(JSON.stringify(final)).not.toMatch(/secret|boom/);
    expect((await getJson(`${stack.url}/profiler/runner_status/${body.job_id}`)).body).toBe('failed');
  }, 120_000);

  it('answers 409 to clean_up of a job running on Ray, and with force stops the Ray job first', async () => {
    const stack = await start();
    const { body } = await postJson(`${stack.url}/profiler/trigger_profile`, specFor('subway_data'));
    const runnerStatus = async () => (await getJson(`${stack.url}/profiler/runner_status/${body.job_id}`)).body as string;
    const deadline = Date.now() + 60_000;
    while ((await runnerStatus()) !== 'in_progress') {
      if (Date.now() > deadline) throw new Error('the job never ran on Ray');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await postJson(`${stack.url}/profiler/clean_up`, { job_id: body.job_id })).status).toBe(409);
    const forced = await postJson(`${stack.url}/profiler/clean_up`, { job_id: body.job_id, force: true });
    expect(forced).toMatchObject({ status: 200, body: { job_id: body.job_id, status: 'CLEANED_UP' } });
    while ((await runnerStatus()) !== 'failed') {
      if (Date.now() > deadline) throw new Error('the Ray job was not stopped');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect((await getJson(`${stack.url}/profiler/job_status/${body.job_id}`)).body.status).toBe('CLEANED_UP');
  }, 120_000);

  it('runs 50 triggers on the 2-CPU head to completion: Ray queues the jobs that do not fit', async () => {
    // The reconciler asks Ray about every unfinished job each pass: on two cores, polling 50 jobs twice a
    // second would take the CPU the jobs need.
    const stack = await start({ RAY_ENTRYPOINT_NUM_CPUS: '1', RECONCILE_INTERVAL_MS: '5000' });
    const started = Date.now();
    const jobIds = await Promise.all(
      Array.from({ length: 50 }, async () => (await postJson(`${stack.url}/profiler/trigger_profile`, specFor('small'))).body.job_id as string),
    );
    expect(new Set(jobIds).size).toBe(50);
    const finals = await Promise.all(jobIds.map((id) => waitForFinal(stack.url, id, 600_000)));
    console.log(`50 jobs on a 2-CPU Ray head: all final in ${Date.now() - started} ms`);
    expect(finals.map((job) => job.status)).toEqual(Array(50).fill('HEAVY_PROFILES_READY'));
  }, 660_000);
});
