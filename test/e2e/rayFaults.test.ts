import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithService } from '../support/externalService.js';
import { getJson, makeDirs, postJson, specFor, startStack, waitForFinal, type RunningStack } from '../support/localStack.js';
import { freePort, startPrivateRayHead, type PrivateRayHead } from '../support/rayHead.js';

const TRIGGER = '/profiler/trigger_profile';

/**
 * Ray failing under the local stack, on a private head at a fixed address (the shared head stays up for
 * the other suites): Ray absent, then started; killed while jobs run, then started again.
 */
describeWithService('RAY_ADDRESS', 'the local stack when Ray fails', () => {
  let dirs: Awaited<ReturnType<typeof makeDirs>>;
  let stack: RunningStack | undefined;
  let head: PrivateRayHead | undefined;
  let rayBin: string;
  let dashboardPort: number;

  beforeAll(async () => {
    rayBin = process.env.RAY_BIN ?? '';
    if (!rayBin) throw new Error('RAY_BIN is not set: .ci/services/30-ray.sh exports the ray command these faults need');
    dirs = await makeDirs(['subway_data']);
    await mkdir(join(dirs.dataRoot, 'small'), { recursive: true });
    await writeFile(join(dirs.dataRoot, 'small', 'a.csv'), 'x,y\n1,a\n2,b\n3,c\n');
    dashboardPort = await freePort();
    stack = await startStack({
      DATA_ROOT: dirs.dataRoot,
      DATA_DIR: dirs.dataDir,
      RAY_ADDRESS: `http://127.0.0.1:${dashboardPort}`,
      RAY_RETRY_BUDGET_MS: '500',
      RAY_REQUEST_TIMEOUT_MS: '2000',
      CIRCUIT_FAILURE_THRESHOLD: '2',
      CIRCUIT_COOL_DOWN_MS: '5000',
      // Each half-open probe receives the queued requests once: enough deliveries to outlast a head start.
      MAX_RECEIVES: '20',
      REQUEST_VISIBILITY_TIMEOUT_S: '5',
      RECONCILE_INTERVAL_MS: '1000',
      RECONCILE_GRACE_MS: '3000',
    });
  }, 60_000);
  afterAll(async () => {
    await stack?.kill('SIGTERM');
    await head?.kill();
    await dirs?.cleanup();
  });

  const trigger = (dataset: string) => postJson(`${stack!.url}${TRIGGER}`, specFor(dataset));
  const rayJobsNamed = async (ids: string[]) => {
    const all = (await getJson(`${head!.address}/api/jobs/`)).body as { submission_id: string }[];
    return all.filter((job) => ids.includes(job.submission_id));
  };

  it('answers 503 once the circuit opens while Ray is down, then runs every accepted job once after Ray is back', async () => {
    const accepted: string[] = [];
    let refused: Awaited<ReturnType<typeof trigger>> | undefined;
    const deadline = Date.now() + 60_000;
    while (!refused) {
      const response = await trigger('small');
      if (response.status === 200) accepted.push(response.body.job_id);
      else refused = response;
      if (Date.now() > deadline) throw new Error('the circuit never opened');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Queued, not failed: the accepted jobs wait for Ray.
    for (const id of accepted) expect((await getJson(`${stack!.url}/profiler/job_status/${id}`)).body.status).toBe('SUBMITTING');

    head = await startPrivateRayHead(rayBin, dashboardPort);
    const finals = await Promise.all(accepted.map((id) => waitForFinal(stack!.url, id, 180_000)));
    expect(finals.map((job) => job.status)).toEqual(accepted.map(() => 'HEAVY_PROFILES_READY'));
    // One Ray job per accepted job: none lost, none submitted twice.
    expect((await rayJobsNamed(accepted)).map((job) => job.submission_id).sort()).toEqual([...accepted].sort());
    console.log(`Ray down: ${accepted.length} jobs accepted before the 503, all completed once after Ray came back`);
    expect((await trigger('small')).status).toBe(200);
  }, 300_000);

  it('brings jobs running when the head is killed to a final state, and runs new jobs once Ray is back', async () => {
    const running = await Promise.all([trigger('subway_data'), trigger('subway_data')]).then((rs) => rs.map((r) => r.body.job_id as string));
    const deadline = Date.now() + 60_000;
    while (!(await Promise.all(running.map(async (id) => (await getJson(`${stack!.url}/profiler/runner_status/${id}`)).body))).includes('in_progress')) {
      if (Date.now() > deadline) throw new Error('no job started on Ray');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await head!.kill();
    head = await startPrivateRayHead(rayBin, dashboardPort);
    const finals = await Promise.all(running.map((id) => waitForFinal(stack!.url, id, 180_000)));
    for (const job of finals) {
      expect(['HEAVY_PROFILES_READY', 'FAILED']).toContain(job.status);
      if (job.status === 'FAILED') expect(job.message).toEqual(expect.any(String));
    }
    console.log(`head killed mid-job: ${finals.map((job) => `${job.status}${job.message ? ` (${job.message})` : ''}`).join('; ')}`);
    const { body } = await trigger('small');
    expect((await waitForFinal(stack!.url, body.job_id, 120_000)).status).toBe('HEAVY_PROFILES_READY');
  }, 400_000);
});
