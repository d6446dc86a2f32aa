/**
 * What a script can rely on (README "The command line"). Every failure prints one line on stderr
 * starting with `dataset-profiler:`; the code says which kind it was.
 */
export const EXIT_CODE = {
  /** The command did what it says (`wait`: the job's profiles are ready). */
  OK: 0,
  /** Anything unexpected: a 5xx answer other than 503, an answer that is not what the API documents. */
  ERROR: 1,
  /** A malformed command line, an unreadable or invalid spec or profile file, or a 422 from the service. */
  INVALID_INPUT: 2,
  /** The job is FAILED (`status`, `wait`); its message is printed. */
  JOB_FAILED: 3,
  /** No such job, no profile yet, or the job was cleaned up. */
  NOT_FOUND: 4,
  /** The service cannot be reached (connection refused, DNS, time-out) or answers 503. */
  UNREACHABLE: 5,
  /** The job's state forbids it: clean-up of a job that still runs (409). */
  CONFLICT: 6,
  /** The token is missing, invalid or not allowed (401, 403). */
  UNAUTHORIZED: 7,
  /** `wait --timeout` elapsed before the job finished. */
  TIMED_OUT: 8,
} as const;

export type ExitCode = (typeof EXIT_CODE)[keyof typeof EXIT_CODE];
