import { randomUUID } from 'node:crypto';
import { initialProgress, JOB_STATUS, type Job } from '@dataset-profiler/core';

/** A valid job record with a fresh id; override what the case is about. */
export const aJob = (overrides: Partial<Job> = {}): Job => {
  const jobId = overrides.jobId ?? randomUUID();
  const now = new Date().toISOString();
  return {
    jobId,
    datasetId: 'datasets/census',
    status: JOB_STATUS.SUBMITTING,
    onlyLightProfile: false,
    request: { profile_specification: { name: 'census' }, data_connector: { type: 'RawDataPath', dataset_id: 'datasets/census' } },
    createdAt: now,
    updatedAt: now,
    progress: initialProgress(),
    profiles: {},
    version: 1,
    ...overrides,
  };
};
