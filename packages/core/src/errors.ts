/**
 * The closed family of domain errors. `code` is the wire code (GError `code`); the HTTP layer maps
 * codes to statuses in one table. Messages of codes below 500 are safe to show to clients.
 */
export class ProfilerError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ProfilerError';
    this.code = code;
  }
}

/** One offending field, in Pydantic's shape (`loc`, `msg`, `type`). */
export interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
  input?: unknown;
  ctx?: Record<string, unknown>;
}

export class RequestValidationError extends ProfilerError {
  readonly issues: ValidationIssue[];
  constructor(issues: ValidationIssue[], options?: ErrorOptions) {
    const first = issues[0];
    const summary = first ? `${first.loc.join('.')}: ${first.msg}` : 'invalid request';
    super('Validation.Request', `Request validation failed (${issues.length} error${issues.length === 1 ? '' : 's'}): ${summary}`, options);
    this.name = 'RequestValidationError';
    this.issues = issues;
  }
}

export class JobNotFoundError extends ProfilerError {
  constructor(readonly jobId: string, options?: ErrorOptions) {
    super('NotFound.Job', `No job found for the given job ID: ${jobId}`, options);
    this.name = 'JobNotFoundError';
  }
}

/** The seed's sentence, word for word. */
export const PROFILE_NOT_FOUND_MESSAGE = 'No profile found for the given job ID. Profiling might still be in progress.';

export class ProfileNotFoundError extends ProfilerError {
  constructor(readonly jobId: string, options?: ErrorOptions) {
    super('NotFound.Profile', PROFILE_NOT_FOUND_MESSAGE, options);
    this.name = 'ProfileNotFoundError';
  }
}

export class JobStateConflictError extends ProfilerError {
  constructor(readonly jobId: string, readonly status: string, options?: ErrorOptions) {
    super('Conflict.JobState', `Job ${jobId} is ${status}; it can be cleaned up once it has finished or failed`, options);
    this.name = 'JobStateConflictError';
  }
}

/** The Ray circuit is open: callers should retry after `retryAfterSeconds`. */
export class RayUnavailableError extends ProfilerError {
  constructor(readonly retryAfterSeconds: number, message = 'The profiling cluster is unavailable; retry later', options?: ErrorOptions) {
    super('Unavailable.Ray', message, options);
    this.name = 'RayUnavailableError';
  }
}

// --- errors that ports raise; use cases translate or handle them ---

export class JobAlreadyExistsError extends ProfilerError {
  constructor(readonly jobId: string, options?: ErrorOptions) {
    super('Conflict.JobExists', `Job ${jobId} already exists`, options);
    this.name = 'JobAlreadyExistsError';
  }
}

/** A conditional write lost: the record changed since it was read. */
export class StaleJobVersionError extends ProfilerError {
  constructor(readonly jobId: string, readonly expectedVersion: number, options?: ErrorOptions) {
    super('Conflict.StaleVersion', `Job ${jobId} is no longer at version ${expectedVersion}`, options);
    this.name = 'StaleJobVersionError';
  }
}

/** The runner (Ray or the local runner) could not be reached or answered 5xx: counts against the circuit. */
export class RunnerUnavailableError extends ProfilerError {
  constructor(message: string, options?: ErrorOptions) {
    super('Unavailable.Runner', message, options);
    this.name = 'RunnerUnavailableError';
  }
}

/**
 * A store or queue failed the call in a way worth retrying later: throttled, unreachable, or a table,
 * queue or bucket that does not exist (yet). Adapters raise it in place of their vendor's errors.
 */
export class StorageUnavailableError extends ProfilerError {
  /** Throttling passes quickly; a missing resource needs an operator. */
  readonly retryAfterSeconds: number;
  constructor(readonly resource: string, readonly reason: 'throttled' | 'missing' | 'unreachable', message: string, options?: ErrorOptions) {
    super('Unavailable.Storage', message, options);
    this.name = 'StorageUnavailableError';
    this.retryAfterSeconds = reason === 'missing' ? 60 : 1;
  }
}
