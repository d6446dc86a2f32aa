import type { FailureDetails, Progress } from './job.js';

/** What the profile job, the dispatcher and the reconciler report about a job. */
export const JOB_EVENT = {
  STARTED: 'STARTED',
  PROGRESS: 'PROGRESS',
  LIGHT_PROFILE_READY: 'LIGHT_PROFILE_READY',
  HEAVY_PROFILES_READY: 'HEAVY_PROFILES_READY',
  FAILED: 'FAILED',
  CLEANED_UP: 'CLEANED_UP',
} as const;

export type JobEvent =
  | { type: typeof JOB_EVENT.STARTED; jobId: string }
  | { type: typeof JOB_EVENT.PROGRESS; jobId: string; progress: Progress }
  | { type: typeof JOB_EVENT.LIGHT_PROFILE_READY; jobId: string; lightKey: string; progress?: Progress }
  | { type: typeof JOB_EVENT.HEAVY_PROFILES_READY; jobId: string; heavyKey: string; cddKey: string; progress?: Progress }
  | { type: typeof JOB_EVENT.FAILED; jobId: string; message: string; additionalDetails?: FailureDetails }
  | { type: typeof JOB_EVENT.CLEANED_UP; jobId: string };

/** Body of a message on the requests queue. */
export interface ProfileRequested {
  kind: 'ProfileRequested';
  jobId: string;
}
