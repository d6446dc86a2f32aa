import { ProfilerError } from '@dataset-profiler/core';

/**
 * Errors only the HTTP edge raises (routing, transport, auth). They join the domain family so the one
 * code → status table and the one error boundary treat them like any other ProfilerError.
 */

export class RouteNotFoundError extends ProfilerError {
  constructor() {
    super('NotFound.Route', 'Not Found');
    this.name = 'RouteNotFoundError';
  }
}

export class MethodNotAllowedError extends ProfilerError {
  constructor(readonly allow: readonly string[]) {
    super('MethodNotAllowed', 'Method Not Allowed');
    this.name = 'MethodNotAllowedError';
  }
}

export class PayloadTooLargeError extends ProfilerError {
  constructor(readonly limitBytes: number) {
    super('PayloadTooLarge', `Request body is larger than ${limitBytes} bytes`);
    this.name = 'PayloadTooLargeError';
  }
}

export class UnsupportedMediaTypeError extends ProfilerError {
  constructor(readonly contentType: string | undefined, options?: ErrorOptions) {
    super('UnsupportedMediaType', 'Unsupported Media Type: send the body as application/json', options);
    this.name = 'UnsupportedMediaTypeError';
  }
}

export class UnauthorizedError extends ProfilerError {
  /** `reason` goes to the logs only; clients get the generic message. */
  constructor(readonly reason: string, options?: ErrorOptions) {
    super('Unauthorized', 'Not authenticated', options);
    this.name = 'UnauthorizedError';
  }
}

export class ForbiddenError extends ProfilerError {
  constructor(readonly clientId: string | undefined) {
    super('Forbidden', 'This client is not allowed to call the profiler');
    this.name = 'ForbiddenError';
  }
}

/** The token could not be checked because the key set could not be fetched: the client may retry. */
export class AuthUnavailableError extends ProfilerError {
  readonly retryAfterSeconds = 30;
  constructor(options?: ErrorOptions) {
    super('Unavailable.Auth', 'The token could not be verified right now; retry later', options);
    this.name = 'AuthUnavailableError';
  }
}
