import { EXIT_CODE, type ExitCode } from './exitCodes.js';

/** A failure the CLI reports as one line on stderr and its exit code. */
export class CliError extends Error {
  override name = 'CliError';

  constructor(
    message: string,
    readonly exitCode: ExitCode,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export class InvalidInputError extends CliError {
  override name = 'InvalidInputError';
  constructor(message: string, options?: ErrorOptions) {
    super(message, EXIT_CODE.INVALID_INPUT, options);
  }
}

export class JobFailedError extends CliError {
  override name = 'JobFailedError';
  constructor(jobId: string, reason: string | undefined) {
    super(`job ${jobId} FAILED${reason ? `: ${reason}` : ''}`, EXIT_CODE.JOB_FAILED);
  }
}

export class NotFoundError extends CliError {
  override name = 'NotFoundError';
  constructor(message: string, options?: ErrorOptions) {
    super(message, EXIT_CODE.NOT_FOUND, options);
  }
}

export class UnreachableError extends CliError {
  override name = 'UnreachableError';
  constructor(message: string, options?: ErrorOptions) {
    super(message, EXIT_CODE.UNREACHABLE, options);
  }
}

export class ConflictError extends CliError {
  override name = 'ConflictError';
  constructor(message: string, options?: ErrorOptions) {
    super(message, EXIT_CODE.CONFLICT, options);
  }
}

export class UnauthorizedError extends CliError {
  override name = 'UnauthorizedError';
  constructor(message: string, options?: ErrorOptions) {
    super(message, EXIT_CODE.UNAUTHORIZED, options);
  }
}

export class TimedOutError extends CliError {
  override name = 'TimedOutError';
  constructor(message: string) {
    super(message, EXIT_CODE.TIMED_OUT);
  }
}
