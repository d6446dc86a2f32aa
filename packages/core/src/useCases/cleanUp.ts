import { JobNotFoundError, JobStateConflictError } from '../errors.js';
import { JOB_EVENT } from '../events.js';
import { JOB_STATUS } from '../job.js';
import { profileKeys } from '../profileKeys.js';
import type { Services } from '../services.js';
import { isFinal } from '../stateMachine.js';
import { applyJobEvent } from './applyJobEvent.js';

/**
 * Marks the job CLEANED_UP, then deletes its light and heavy profiles (and a published copy of its
 * profile answer); 409 while it is still running,
 * unless `force`, which stops its runner job and fails it first.
 * Stored first, deleted after: a lost race leaves the files in place with the 409, and a crash in
 * between leaves files that a repeated clean_up removes (the job's own keys are deterministic).
 * The CDD profile belongs to the dataset (the newest job of that dataset wrote it) and stays.
 */
export const cleanUp = async (
  s: Pick<Services, 'jobs' | 'profiles' | 'ray' | 'clock' | 'logger'>,
  jobId: string,
  options: { force?: boolean } = {},
): Promise<{ job_id: string; status: 'CLEANED_UP' }> => {
  let job = await s.jobs.get(jobId);
  if (!job) throw new JobNotFoundError(jobId);
  if (!isFinal(job) && options.force) {
    await s.ray.stop(jobId);
    await applyJobEvent(s, { type: JOB_EVENT.FAILED, jobId, message: 'Stopped by a forced clean-up', additionalDetails: { step: job.progress.phase } });
    job = (await s.jobs.get(jobId)) ?? job;
  }
  if (job.status !== JOB_STATUS.CLEANED_UP) {
    if (!isFinal(job)) throw new JobStateConflictError(jobId, job.status);
    const outcome = await applyJobEvent(s, { type: JOB_EVENT.CLEANED_UP, jobId });
    if (outcome.kind === 'ignored' && outcome.reason !== 'job is already CLEANED_UP') {
      throw new JobStateConflictError(jobId, job.status);
    }
  }
  const keys = new Set([job.profiles.light, job.profiles.heavy, profileKeys.light(jobId), profileKeys.heavy(jobId), profileKeys.answer(jobId)]);
  for (const key of keys) if (key) await s.profiles.delete(key);
  return { job_id: jobId, status: 'CLEANED_UP' };
};
