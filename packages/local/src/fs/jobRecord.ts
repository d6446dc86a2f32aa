import { z } from 'zod';
import { JOB_STATUS, ProgressSchema, type Job } from '@dataset-profiler/core';

/** A job as stored on disk; re-checked on every read so a corrupt or foreign file never passes as a Job. */
const JobRecord = z.object({
  jobId: z.string().min(1),
  datasetId: z.string().nullable(),
  status: z.enum(Object.values(JOB_STATUS)),
  onlyLightProfile: z.boolean(),
  request: z.unknown(),
  createdAt: z.string(),
  updatedAt: z.string(),
  progress: ProgressSchema,
  message: z.string().optional(),
  additionalDetails: z.record(z.string(), z.unknown()).optional(),
  profiles: z.object({ light: z.string().optional(), heavy: z.string().optional(), cdd: z.string().optional() }),
  version: z.int().nonnegative(),
});

export const parseJobRecord = (value: unknown, source: string): Job => {
  const parsed = JobRecord.safeParse(value);
  if (!parsed.success) {
    throw new Error(`Invalid job record in ${source}: ${z.prettifyError(parsed.error)}`, { cause: parsed.error });
  }
  return parsed.data;
};
