import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JOB_STATUS } from '@dataset-profiler/core';
import { FileJobStore } from '../src/FileJobStore.js';
import { makeTempDir } from '../../../test/contracts/contractKit.js';
import { aJob } from '../../../test/contracts/jobFixtures.js';

describe('Class: FileJobStore', () => {
  let dir: string;
  let remove: () => Promise<void>;

  beforeEach(async () => {
    ({ dir, remove } = await makeTempDir('file-job-store'));
  });
  afterEach(() => remove());

  it('finds every job again from a new instance on the same directory', async () => {
    const first = new FileJobStore(dir);
    const job = aJob({ status: JOB_STATUS.STARTING, version: 1 });
    await first.create(job);
    const replaced = await first.replace({ ...job, status: JOB_STATUS.LIGHT_PROFILE_READY }, 1);

    const restarted = new FileJobStore(dir);
    expect(await restarted.get(job.jobId)).toEqual(replaced);
    expect(await restarted.listByStatus([JOB_STATUS.LIGHT_PROFILE_READY])).toEqual([replaced]);
    await expect(restarted.replace(job, 1)).rejects.toMatchObject({ name: 'StaleJobVersionError' });
  });

  it('keeps ids with slashes or dots as single files inside its directory', async () => {
    const store = new FileJobStore(dir);
    const odd = [aJob({ jobId: '../escape' }), aJob({ jobId: 'a/b' }), aJob({ jobId: '..' })];
    await Promise.all(odd.map((job) => store.create(job)));
    for (const job of odd) expect(await store.get(job.jobId)).toEqual(job);
    expect(await new FileJobStore(dir).listByStatus([JOB_STATUS.SUBMITTING])).toHaveLength(3);
  });

  it('rejects a record on disk that is not a job', async () => {
    const store = new FileJobStore(dir);
    await store.create(aJob({ jobId: 'good' }));
    await writeFile(join(dir, 'jobs', 'bad.json'), JSON.stringify({ jobId: 'bad', status: 'DANCING' }));
    await expect(store.get('bad')).rejects.toThrow(/Invalid job record/);
  });

  it('skips unreadable records when it builds its index, and says so', async () => {
    const warn = vi.fn();
    await new FileJobStore(dir).create(aJob({ jobId: 'good' }));
    await writeFile(join(dir, 'jobs', 'torn.json'), '{"jobId": "torn", "sta');
    const listed = await new FileJobStore(dir, { logger: { warn } }).listByStatus([JOB_STATUS.SUBMITTING]);
    expect(listed.map((job) => job.jobId)).toEqual(['good']);
    expect(warn).toHaveBeenCalledOnce();
  });

  it('lists the matching jobs among 2,000 quickly', async () => {
    const store = new FileJobStore(dir);
    const statuses = [JOB_STATUS.SUBMITTING, JOB_STATUS.STARTING, JOB_STATUS.HEAVY_PROFILES_READY, JOB_STATUS.FAILED];
    const jobs = Array.from({ length: 2_000 }, (_, n) => aJob({ status: statuses[n % statuses.length] }));
    for (let start = 0; start < jobs.length; start += 100) await Promise.all(jobs.slice(start, start + 100).map((job) => store.create(job)));

    const timed = async (label: string, list: () => Promise<unknown[]>) => {
      const started = performance.now();
      const listed = await list();
      const ms = performance.now() - started;
      console.info(`FileJobStore ${label}: ${listed.length} of 2000 jobs in ${ms.toFixed(0)} ms`);
      return { listed, ms };
    };
    const warm = await timed('listByStatus (warm index)', () => store.listByStatus([JOB_STATUS.SUBMITTING, JOB_STATUS.STARTING]));
    const cold = await timed('listByStatus (index built at start-up)', () => new FileJobStore(dir).listByStatus([JOB_STATUS.STARTING]));
    const all = await timed('listByStatus (every job)', () => store.listByStatus(statuses));

    expect(warm.listed).toHaveLength(1_000);
    expect(cold.listed).toHaveLength(500);
    expect(all.listed).toHaveLength(2_000);
    expect(warm.ms).toBeLessThan(2_000);
  }, 60_000);
});
