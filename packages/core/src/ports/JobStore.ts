import type { Job, JobStatus } from '../job.js';

/**
 * Durable job records with optimistic concurrency.
 * - `create` throws JobAlreadyExistsError when the id is taken.
 * - `replace` stores `job` with `version = expectedVersion + 1` only if the stored version is still
 *   `expectedVersion`; otherwise throws StaleJobVersionError (or JobNotFoundError if absent).
 */
export interface JobStore {
  create(job: Job): Promise<void>;
  get(jobId: string): Promise<Job | undefined>;
  replace(job: Job, expectedVersion: number): Promise<Job>;
  /** Every job currently in one of `statuses` (for the reconciler). */
  listByStatus(statuses: readonly JobStatus[]): Promise<Job[]>;
}
