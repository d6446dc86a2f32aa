import { describe, expect } from 'vitest';
import { JOB_STATUS, JobAlreadyExistsError, JobNotFoundError, StaleJobVersionError, type JobStore } from '@dataset-profiler/core';
import { caseRunner, freshEach, type SkippedCase } from './contractKit.js';
import { aJob } from './jobFixtures.js';

export interface JobStoreContractOptions {
  /** A fresh, empty store for each case. */
  make: () => Promise<{ store: JobStore; cleanup?: () => Promise<void> }>;
  skip?: readonly SkippedCase[];
}

/** What every JobStore must do; run it against each implementation. */
export const jobStoreContract = ({ make, skip }: JobStoreContractOptions): void => {
  const test = caseRunner(skip);
  const subject = freshEach(make);
  const store = () => subject().store;

  describe('JobStore contract', () => {
    describe('create and get', () => {
      test('returns undefined for an unknown job', async () => {
        expect(await store().get('00000000-0000-4000-8000-000000000000')).toBeUndefined();
      });

      test('returns the created job as it was stored', async () => {
        const job = aJob({ message: 'why', additionalDetails: { step: 'listing', file: 'a.csv' }, profiles: { light: 'jobs/x/light.json' } });
        await store().create(job);
        expect(await store().get(job.jobId)).toEqual(job);
      });

      test('throws JobAlreadyExistsError when the id is taken', async () => {
        const job = aJob();
        await store().create(job);
        await expect(store().create({ ...job, datasetId: 'other' })).rejects.toBeInstanceOf(JobAlreadyExistsError);
        expect((await store().get(job.jobId))?.datasetId).toBe(job.datasetId);
      });

      test('lets exactly one of concurrent creates win', async () => {
        const job = aJob();
        const results = await Promise.allSettled(Array.from({ length: 8 }, () => store().create(job)));
        expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      });
    });

    describe('replace', () => {
      test('stores the job with the next version', async () => {
        const job = aJob({ version: 1 });
        await store().create(job);
        const replaced = await store().replace({ ...job, status: JOB_STATUS.STARTING }, 1);
        expect(replaced).toMatchObject({ status: JOB_STATUS.STARTING, version: 2 });
        expect(await store().get(job.jobId)).toEqual(replaced);
      });

      test('throws StaleJobVersionError when the version moved on', async () => {
        const job = aJob({ version: 1 });
        await store().create(job);
        await store().replace({ ...job, status: JOB_STATUS.STARTING }, 1);
        await expect(store().replace({ ...job, status: JOB_STATUS.FAILED }, 1)).rejects.toBeInstanceOf(StaleJobVersionError);
        expect(await store().get(job.jobId)).toMatchObject({ status: JOB_STATUS.STARTING, version: 2 });
      });

      test('throws JobNotFoundError for an unknown job', async () => {
        await expect(store().replace(aJob(), 1)).rejects.toBeInstanceOf(JobNotFoundError);
      });

      test('lets exactly one of concurrent replaces at one version win', async () => {
        const job = aJob({ version: 1 });
        await store().create(job);
        const attempts = Array.from({ length: 10 }, (_, index) => store().replace({ ...job, message: `writer ${index}` }, 1));
        const results = await Promise.allSettled(attempts);
        const winners = results.filter((result) => result.status === 'fulfilled');
        const losers = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
        expect(winners).toHaveLength(1);
        expect(losers.every((result) => result.reason instanceof StaleJobVersionError)).toBe(true);
        const stored = await store().get(job.jobId);
        expect(stored?.version).toBe(2);
        expect(stored?.message).toBe((winners[0] as PromiseFulfilledResult<{ message?: string }>).value.message);
      });
    });

    describe('listByStatus', () => {
      test('returns exactly the jobs in the given statuses', async () => {
        const submitting = aJob({ status: JOB_STATUS.SUBMITTING });
        const starting = aJob({ status: JOB_STATUS.STARTING });
        const failed = aJob({ status: JOB_STATUS.FAILED });
        await Promise.all([submitting, starting, failed].map((job) => store().create(job)));
        const listed = await store().listByStatus([JOB_STATUS.SUBMITTING, JOB_STATUS.STARTING]);
        expect(listed.map((job) => job.jobId).sort()).toEqual([submitting.jobId, starting.jobId].sort());
        expect(await store().listByStatus([])).toEqual([]);
      });

      test('follows a job whose status was replaced', async () => {
        const job = aJob({ status: JOB_STATUS.STARTING, version: 1 });
        await store().create(job);
        await store().replace({ ...job, status: JOB_STATUS.FAILED }, 1);
        expect(await store().listByStatus([JOB_STATUS.STARTING])).toEqual([]);
        expect((await store().listByStatus([JOB_STATUS.FAILED])).map((listed) => listed.version)).toEqual([2]);
      });
    });
  });
};
