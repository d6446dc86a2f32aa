/** Ray's job status vocabulary (ray.dashboard.modules.job.common.JobStatus). */
export const RAY_JOB_STATUS = {
  PENDING: 'PENDING',
  RUNNING: 'RUNNING',
  STOPPED: 'STOPPED',
  SUCCEEDED: 'SUCCEEDED',
  FAILED: 'FAILED',
} as const;
export type RayJobStatus = (typeof RAY_JOB_STATUS)[keyof typeof RAY_JOB_STATUS];

export const isTerminalRayStatus = (status: RayJobStatus): boolean =>
  status === RAY_JOB_STATUS.STOPPED || status === RAY_JOB_STATUS.SUCCEEDED || status === RAY_JOB_STATUS.FAILED;

export interface RayJobSpec {
  /** Also the idempotency key: submitting an id that exists is a no-op. */
  submissionId: string;
  /** A shell command. */
  entrypoint: string;
  env?: Record<string, string>;
  metadata?: Record<string, string>;
}

export interface RayJobInfo {
  submissionId: string;
  status: RayJobStatus;
  message: string;
  /** Ray's classification of a failure (`JOB_ENTRYPOINT_COMMAND_ERROR`, `JOB_SUPERVISOR_ACTOR_DIED`, …). */
  errorType?: string;
  /** Unix milliseconds: when the entrypoint started (unset while PENDING), and when the job ended. */
  startTime?: number;
  endTime?: number;
  exitCode?: number | null;
}

/**
 * Runs profile jobs: the Ray Jobs API, or the embedded local runner.
 * Every method throws RunnerUnavailableError when the runner cannot be reached (connection refused,
 * time-out, 5xx); that is what opens the circuit.
 */
export interface RayJobs {
  submit(spec: RayJobSpec): Promise<void>;
  get(submissionId: string): Promise<RayJobInfo | undefined>;
  /** True when a running job was asked to stop; false when it had already finished or is unknown. */
  stop(submissionId: string): Promise<boolean>;
  logs(submissionId: string): Promise<string>;
  /** A cheap reachability probe. */
  ping(): Promise<void>;
}
