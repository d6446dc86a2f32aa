import { z } from 'zod';
import { StoredJobSchema, type Job } from '@dataset-profiler/core';

export const parseJobRecord = (value: unknown, source: string): Job => {
  const parsed = StoredJobSchema.safeParse(value);
  if (!parsed.success) {
    throw new Error(`Invalid job record in ${source}: ${z.prettifyError(parsed.error)}`, { cause: parsed.error });
  }
  return parsed.data;
};
