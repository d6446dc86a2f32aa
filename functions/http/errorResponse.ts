import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ProfilerError, RequestValidationError } from '@dataset-profiler/core';
import { INTERNAL_ERROR_STATUS, statusForCode } from './errorStatus.js';
import { JSON_HEADERS } from './responses.js';

/** FastAPI's `detail` plus a GError document, as architecture.md "Errors" specifies. */
export interface ErrorDocument {
  detail: unknown;
  code: string;
  message: string;
  status: number;
  request_id: string;
  error_data?: unknown;
}

export interface MappedError {
  response: APIGatewayProxyStructuredResultV2;
  status: number;
  /** Whether this is our fault (logged at error level with its cause). */
  internal: boolean;
}

const INTERNAL = { code: 'Internal', message: 'Internal Server Error' } as const;

export const toErrorResponse = (error: unknown, requestId: string): MappedError => {
  const status = error instanceof ProfilerError ? statusForCode(error.code) : INTERNAL_ERROR_STATUS;
  const document = status === INTERNAL_ERROR_STATUS || !(error instanceof ProfilerError)
    ? genericDocument(requestId)
    : domainDocument(error, status, requestId);
  const body = stringifyOrUndefined(document);
  // A 422 echoes inputs; one that cannot be written (too deep, a cycle) becomes our generic 500.
  if (body === undefined) return internalErrorResponse(requestId);
  return {
    status: document.status,
    internal: document.status >= INTERNAL_ERROR_STATUS,
    response: { statusCode: document.status, headers: { ...JSON_HEADERS, ...headersFor(error) }, body },
  };
};

/** The generic 500, built from constants only, so building it cannot fail. */
export const internalErrorResponse = (requestId: string): MappedError => ({
  status: INTERNAL_ERROR_STATUS,
  internal: true,
  response: { statusCode: INTERNAL_ERROR_STATUS, headers: { ...JSON_HEADERS }, body: JSON.stringify(genericDocument(requestId)) },
});

const stringifyOrUndefined = (document: ErrorDocument): string | undefined => {
  try {
    return JSON.stringify(document);
  } catch {
    return undefined;
  }
};

const genericDocument = (requestId: string): ErrorDocument => ({
  detail: INTERNAL.message,
  code: INTERNAL.code,
  message: INTERNAL.message,
  status: INTERNAL_ERROR_STATUS,
  request_id: requestId,
});

const domainDocument = (error: ProfilerError, status: number, requestId: string): ErrorDocument => {
  // Below 500 the message is written for clients; a 503's may carry internal detail (hosts, errors).
  const message = status < INTERNAL_ERROR_STATUS ? error.message : 'Service temporarily unavailable; retry later';
  const detail = error instanceof RequestValidationError ? error.issues : message;
  return { detail, code: error.code, message, status, request_id: requestId };
};

/** Headers some errors owe the client: when to retry, how to authenticate, what is allowed. */
const headersFor = (error: unknown): Record<string, string> => {
  if (!(error instanceof ProfilerError)) return {};
  const headers: Record<string, string> = {};
  const { retryAfterSeconds, allow } = error as ProfilerError & { retryAfterSeconds?: unknown; allow?: unknown };
  if (typeof retryAfterSeconds === 'number') headers['Retry-After'] = String(Math.max(1, Math.ceil(retryAfterSeconds)));
  if (Array.isArray(allow)) headers.Allow = allow.join(', ');
  if (error.code === 'Unauthorized') headers['WWW-Authenticate'] = 'Bearer';
  return headers;
};
