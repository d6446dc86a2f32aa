import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, makeDirs, postJson, specFor, startStack, waitForFinal } from '../support/localStack.js';

const FINAL = ['HEAVY_PROFILES_READY', 'FAILED'];

describe('crash safety: kill -9 of the local stack in the middle of jobs', () => {
  let dirs: Awaited<ReturnType<typeof makeDirs>>;

  beforeAll(async () => {
    dirs = await makeDirs(['subway_data']);
    await mkdir(join(dirs.dataRoot, 'small'), { recursive: true });
    await writeFile(join(dirs.dataRoot, 'small', 'a.csv'), 'x,y\n1,a\n2,b\n3,c\n');
  });
  afterAll(async () => dirs?.cleanup());

  it('brings every job to a final state after a restart; nothing stays STARTING', async () => {
    const env = {
      DATA_ROOT: dirs.dataRoot,
      DATA_DIR: dirs.dataDir,
      LOCAL_RUNNER_CONCURRENCY: '2',
      REQUEST_VISIBILITY_TIMEOUT_S: '2',
      EVENT_VISIBILITY_TIMEOUT_S: '2',
      RECONCILE_INTERVAL_MS: '500',
      RESUBMIT_AFTER_MS: '3000',
      RECONCILE_GRACE_MS: '3000',
    };
    const first = await startStack(env);
    const jobIds: string[] = [];
    for (let i = 0; i < 8; i++) {
      const dataset = i % 2 === 0 ? 'subway_data' : 'small';
      const { body } = await postJson(`${first.url}/profiler/trigger_profile`, specFor(dataset));
      jobIds.push(body.job_id);
    }
    // Wait until the runner is busy with some jobs, then pull the plug.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const statuses = await Promise.all(jobIds.map(async (id) => (await getJson(`${first.url}/profiler/job_status/${id}`)).body.status));
      if (statuses.some((s) => s !== 'SUBMITTING') && statuses.some((s) => !FINAL.includes(s))) break;
      if (Date.now() > deadline) throw new Error(`no job in flight: ${statuses.join(',')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await first.kill('SIGKILL');

    const second = await startStack(env);
    try {
      const finals = await Promise.all(jobIds.map((id) => waitForFinal(second.url, id, 120_000)));
      for (const job of finals) {
        expect(FINAL).toContain(job.status);
        if (job.status === 'FAILED') expect(job.message).toEqual(expect.any(String));
      }
      const succeeded = finals.filter((job) => job.status === 'HEAVY_PROFILES_READY').length;
      console.log(`after kill -9 and restart: ${succeeded}/${finals.length} jobs finished, ${finals.length - succeeded} failed with a reason`);
    } finally {
      await second.kill('SIGTERM');
    }
  }, 240_000);
});
