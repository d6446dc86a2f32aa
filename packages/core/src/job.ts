/** The job record and its vocabularies. Pure data: no I/O. */

export const JOB_STATUS = {
  SUBMITTING: 'SUBMITTING',
  STARTING: 'STARTING',
  LIGHT_PROFILE_READY: 'LIGHT_PROFILE_READY',
  HEAVY_PROFILES_READY: 'HEAVY_PROFILES_READY',
  FAILED: 'FAILED',
  CLEANED_UP: 'CLEANED_UP',
} as const;
export type JobStatus = (typeof JOB_STATUS)[keyof typeof JOB_STATUS];

export const PROGRESS_PHASE = {
  QUEUED: 'queued',
  LISTING: 'listing',
  LIGHT: 'light',
  HEAVY: 'heavy',
  DONE: 'done',
} as const;
export type ProgressPhase = (typeof PROGRESS_PHASE)[keyof typeof PROGRESS_PHASE];

export interface Progress {
  phase: ProgressPhase;
  files_done: number;
  files_total: number;
  bytes_done: number;
  bytes_total: number;
}

/** Where a failure happened, as a Globus task reports it. */
export interface FailureDetails {
  step?: string;
  file?: string;
  runner_status?: string;
  [key: string]: unknown;
}

/** Keys of the stored profiles in the ProfileStore. */
export interface ProfileKeys {
  light?: string;
  heavy?: string;
  cdd?: string;
}

export interface Job {
  jobId: string;
  datasetId: string | null;
  status: JobStatus;
  onlyLightProfile: boolean;
  /** The validated request, kept so a lost submission can be re-enqueued and re-run. */
  request: unknown;
  createdAt: string;
  updatedAt: string;
  progress: Progress;
  message?: string;
  additionalDetails?: FailureDetails;
  profiles: ProfileKeys;
  /** Incremented on every write; writers pass the version they read (optimistic concurrency). */
  version: number;
}

export const initialProgress = (): Progress => ({
  phase: PROGRESS_PHASE.QUEUED,
  files_done: 0,
  files_total: 0,
  bytes_done: 0,
  bytes_total: 0,
});
