import { retryAfterSeconds } from '../circuit.js';
import { JobNotFoundError, ProfileNotFoundError, RayUnavailableError, RunnerUnavailableError } from '../errors.js';
import type { Job } from '../job.js';
import { profileKeys } from '../profileKeys.js';
import { RAY_JOB_STATUS, type RayJobStatus } from '../ports/RayJobs.js';
import type { JobStatusResponse, ProfileResponse, RunnerStatus } from '../schemas/responses.js';
import type { Services } from '../services.js';

export const toJobStatusResponse = (job: Job): JobStatusResponse => ({
  job_id: job.jobId,
  dataset_id: job.datasetId,
  status: job.status,
  only_light_profile: job.onlyLightProfile,
  created_at: job.createdAt,
  updated_at: job.updatedAt,
  progress: job.progress,
  ...(job.message !== undefined ? { message: job.message } : {}),
  ...(job.additionalDetails !== undefined ? { additional_details: job.additionalDetails } : {}),
});

export const getJobStatus = async (s: Pick<Services, 'jobs'>, jobId: string): Promise<JobStatusResponse> => {
  const job = await s.jobs.get(jobId);
  if (!job) throw new JobNotFoundError(jobId);
  return toJobStatusResponse(job);
};

const RUNNER_STATUS: Record<RayJobStatus, RunnerStatus> = {
  [RAY_JOB_STATUS.PENDING]: 'pending',
  [RAY_JOB_STATUS.RUNNING]: 'in_progress',
  [RAY_JOB_STATUS.SUCCEEDED]: 'completed',
  [RAY_JOB_STATUS.FAILED]: 'failed',
  [RAY_JOB_STATUS.STOPPED]: 'failed',
};

/**
 * What the runner says about the job; 503 while the circuit is open or the runner cannot be reached.
 * An id nobody knows is `unknown` ("the job ID is not recognized", as the reference answers), not 404.
 */
export const getRunnerStatus = async (s: Pick<Services, 'jobs' | 'ray' | 'circuit' | 'clock'>, jobId: string): Promise<RunnerStatus> => {
  if (!(await s.jobs.get(jobId))) return 'unknown';
  await s.circuit.assertClosed();
  try {
    const info = await s.ray.get(jobId);
    return info ? RUNNER_STATUS[info.status] : 'unknown';
  } catch (error) {
    if (!(error instanceof RunnerUnavailableError)) throw error;
    await s.circuit.recordFailure(error.message);
    const retryAfter = retryAfterSeconds(await s.circuit.read(), s.clock.now());
    throw new RayUnavailableError(retryAfter, `The profiling cluster is unavailable: ${error.message}`, { cause: error });
  }
};

const asObject = (doc: unknown): Record<string, unknown> =>
  doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>) : {};

export const getProfile = async (s: Pick<Services, 'jobs' | 'profiles'>, jobId: string): Promise<ProfileResponse> => {
  const job = await s.jobs.get(jobId);
  const light = job?.profiles.light ? await s.profiles.get(job.profiles.light) : undefined;
  if (!job || light === undefined) throw new ProfileNotFoundError(jobId);
  const heavy = job.profiles.heavy ? await s.profiles.get(job.profiles.heavy) : undefined;
  return {
    moma_profile_light: asObject(light),
    moma_profile_heavy: asObject(heavy),
    cdd_profile: job.profiles.cdd ? { path: s.profiles.locate(job.profiles.cdd) } : {},
  };
};

export const getCddProfilePath = async (
  s: Pick<Services, 'profiles'>,
  datasetId: string,
): Promise<{ cdd_profile_path: string | null }> => {
  const key = profileKeys.cdd(datasetId);
  return { cdd_profile_path: (await s.profiles.exists(key)) ? s.profiles.locate(key) : null };
};
