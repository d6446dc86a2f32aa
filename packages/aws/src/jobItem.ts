import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { isFinal, JOB_STATUS, StoredJobSchema, type Job, type JobStatus } from '@dataset-profiler/core';

/**
 * The key schema of the jobs table (single-table design; README "AWS"):
 * - `pk` (S, partition key): `job#<job_id>` for a job, `circuit#runner` for the circuit record.
 * - GSI `InFlight` (sparse, keys only): partition `inFlight` = the status while it is SUBMITTING,
 *   STARTING or LIGHT_PROFILE_READY (absent in HEAVY_PROFILES_READY, FAILED, CLEANED_UP), sort
 *   `createdAt`. The reconciler's query. A light-only job stays in it at LIGHT_PROFILE_READY until it
 *   is cleaned up or expires, so that the index answers "every job in these statuses" exactly.
 * - No index by dataset: `cdd_profile_path` reads the one CDD key of a dataset in S3 (README "AWS").
 * - TTL attribute `expiresAt` (epoch seconds), set on final and cleaned-up jobs.
 * - The request is stored gzipped (`requestGzip`, B): an item is capped at 400 KB, a request body at 1 MiB.
 */
export const TABLE_KEY = 'pk';
export const INDEX = {
  IN_FLIGHT: { name: 'InFlight', partition: 'inFlight', sort: 'createdAt' },
} as const;
export const TTL_ATTRIBUTE = 'expiresAt';

/** The statuses the InFlight index holds. */
export const IN_FLIGHT_STATUSES: ReadonlySet<JobStatus> = new Set([JOB_STATUS.SUBMITTING, JOB_STATUS.STARTING, JOB_STATUS.LIGHT_PROFILE_READY]);

export const jobKey = (jobId: string) => ({ [TABLE_KEY]: `job#${jobId}` });
export const CIRCUIT_KEY = { [TABLE_KEY]: 'circuit#runner' } as const;

export interface JobRetention {
  finalJobTtlDays: number;
  cleanedUpTtlDays: number;
}

const DAY_S = 86_400;

const expiryOf = (job: Job, retention: JobRetention): number | undefined => {
  const days = job.status === JOB_STATUS.CLEANED_UP ? retention.cleanedUpTtlDays : isFinal(job) ? retention.finalJobTtlDays : undefined;
  return days === undefined ? undefined : Math.floor(Date.parse(job.updatedAt) / 1000) + days * DAY_S;
};

/** The item stored for a job: the record plus its key, index and TTL attributes. */
export const toJobItem = (job: Job, retention: JobRetention): Record<string, unknown> => {
  const expiresAt = expiryOf(job, retention);
  const { request, ...record } = job;
  return {
    ...record,
    requestGzip: gzipSync(JSON.stringify(request ?? null)),
    ...jobKey(job.jobId),
    ...(IN_FLIGHT_STATUSES.has(job.status) ? { [INDEX.IN_FLIGHT.partition]: job.status } : {}),
    ...(expiresAt === undefined ? {} : { [TTL_ATTRIBUTE]: expiresAt }),
  };
};

/** A job as stored; re-checked on every read so a corrupt or foreign item never passes as a Job. */
const JobItemSchema = StoredJobSchema.omit({ request: true }).extend({
  requestGzip: z.instanceof(Uint8Array).transform((bytes) => JSON.parse(gunzipSync(bytes).toString('utf8')) as unknown),
});

export const fromJobItem = (item: Record<string, unknown>, table: string): Job => {
  const parsed = JobItemSchema.safeParse(item);
  if (!parsed.success) {
    throw new Error(`Invalid job item ${String(item[TABLE_KEY])} in ${table}: ${z.prettifyError(parsed.error)}`, { cause: parsed.error });
  }
  const { requestGzip, ...record } = parsed.data;
  return { ...record, request: requestGzip };
};
