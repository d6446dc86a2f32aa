import { RAY_JOB_STATUS, type RayJobInfo, type RayJobSpec, type RayJobStatus } from '@dataset-profiler/core';

/** What the local runner keeps about one job, in memory and in `<stateDir>/jobs/<id>.json`. */
export interface LocalJobRecord {
  submissionId: string;
  entrypoint: string;
  /** Only the spec's variables (merged over the runner's environment at spawn), so a re-run sees the same. */
  env: Record<string, string>;
  metadata: Record<string, string>;
  status: RayJobStatus;
  message: string;
  /** Submission order, kept across restarts so PENDING jobs start in the order they came. */
  sequence: number;
  /** How many times the entrypoint has been started (a restart of the runner re-runs it once). */
  attempt: number;
  startTime?: number;
  endTime?: number;
  exitCode?: number | null;
  /** Process id of the entrypoint's shell, which leads its own process group (pgid = pid). */
  pid?: number;
  processStartTicks?: string;
}

/** Ray's own wording, so clients see the same messages from the local runner and from a cluster. */
export const RAY_MESSAGES = {
  pending: 'Job has not started yet.',
  running: 'Job is currently running.',
  stopped: 'Job was intentionally stopped.',
  succeeded: 'Job finished successfully.',
  interrupted: 'interrupted: the local runner stopped while the job was running',
} as const;

/** Ray truncates the logs quoted in a failure message to this many characters. */
const FAILURE_LOG_CHARS = 20_000;

export const failedExitMessage = (exitCode: number | null, logs: string): string =>
  `Job entrypoint command failed with exit code ${exitCode}, last available logs (truncated to 20,000 chars):\n${logs.slice(-FAILURE_LOG_CHARS)}`;

export const newLocalJobRecord = (spec: RayJobSpec, sequence: number): LocalJobRecord => ({
  submissionId: spec.submissionId,
  entrypoint: spec.entrypoint,
  env: { ...spec.env },
  metadata: { ...spec.metadata },
  status: RAY_JOB_STATUS.PENDING,
  message: RAY_MESSAGES.pending,
  sequence,
  attempt: 0,
});

export const toRayJobInfo = (record: LocalJobRecord): RayJobInfo => ({
  submissionId: record.submissionId,
  status: record.status,
  message: record.message,
  ...(record.startTime !== undefined ? { startTime: record.startTime } : {}),
  ...(record.endTime !== undefined ? { endTime: record.endTime } : {}),
  exitCode: record.exitCode ?? null,
});

const STATUSES = new Set<string>(Object.values(RAY_JOB_STATUS));

const isStringMap = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' && value !== null && Object.values(value).every((entry) => typeof entry === 'string');

/** Re-checks a record read from disk; the fields the runner relies on must be there and typed. */
export const parseLocalJobRecord = (value: unknown, source: string): LocalJobRecord => {
  const record = value as Partial<LocalJobRecord> | null;
  const valid =
    typeof record === 'object' &&
    record !== null &&
    typeof record.submissionId === 'string' &&
    typeof record.entrypoint === 'string' &&
    typeof record.status === 'string' &&
    STATUSES.has(record.status) &&
    typeof record.message === 'string' &&
    typeof record.sequence === 'number' &&
    typeof record.attempt === 'number' &&
    isStringMap(record.env) &&
    isStringMap(record.metadata) &&
    (record.pid === undefined || typeof record.pid === 'number');
  if (!valid) throw new Error(`Invalid local runner job record in ${source}`);
  return record as LocalJobRecord;
};
