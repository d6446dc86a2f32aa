import { initialProgress, type Job } from '@dataset-profiler/core';

export const validRequest = () => ({
  profile_specification: {
    id: '7d9f2c4e-1b3a-4e5f-9a8b-6c7d8e9f0a1b',
    name: 'Weather stations',
    description: 'Hourly readings',
    headline: 'Weather',
    fields_of_science: ['meteorology'],
    languages: ['en'],
    keywords: ['weather'],
    country: 'GR',
    date_published: '2025-01-01',
    license: 'CC-BY-4.0',
    uploaded_by: 'alice',
    data_connectors: [{ type: 'RawDataPath', dataset_id: 'weather' }],
  },
  only_light_profile: false,
});

export const JOB_ID = '5a1f8c2d-9e4b-4c7a-8f6e-2d3c4b5a6f70';
export const UNKNOWN_JOB_ID = '9c8b7a6f-5e4d-4c3b-a2a1-0f9e8d7c6b5a';

export const aJob = (patch: Partial<Job> = {}): Job => ({
  jobId: JOB_ID,
  datasetId: 'weather',
  status: 'STARTING',
  onlyLightProfile: false,
  request: validRequest(),
  createdAt: '2026-01-15T09:00:00.000Z',
  updatedAt: '2026-01-15T09:30:00.000Z',
  progress: initialProgress(),
  profiles: {},
  version: 1,
  ...patch,
});
