import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { internalErrorResponse, toErrorResponse, type MappedError } from './errorResponse.js';
import { pickRequestId, scopeOf, type RequestScope } from './requestScope.js';

type Request = middy.Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 | undefined>;

/**
 * The one error boundary: every error becomes the FastAPI + GError body through the code → status
 * table. Below 500 the message is exposed; anything else is a generic 500, its cause kept for the log.
 */
export const errorBoundary = (): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 | undefined> => {
  const errorBoundaryOnError = (request: Request): void => {
    if (request.response !== undefined) return;
    const scope = scopeOf(request.event);
    const requestId = scope?.requestId ?? pickRequestId(request.event);
    let mapped: MappedError;
    try {
      mapped = toErrorResponse(request.error, requestId);
    } catch {
      // Reading the error itself failed (a hostile getter, a cycle): still our shape, still an answer.
      mapped = internalErrorResponse(requestId);
    }
    if (scope) noteError(scope, request.error, mapped.internal);
    request.response = mapped.response;
  };
  return { onError: errorBoundaryOnError };
};

/**
 * A 5xx keeps its cause for the access line (the logger's error serializer writes it safely); a 4xx
 * keeps its code and a short message (and an auth failure its reason) — never the request's input.
 */
const noteError = (scope: RequestScope, error: unknown, internal: boolean): void => {
  if (internal) scope.error = error;
  const { code, reason, message } = (error ?? {}) as { code?: unknown; reason?: unknown; message?: unknown };
  if (typeof code === 'string') scope.fields.error_code = code;
  if (!internal && typeof message === 'string') scope.fields.error_message = message.slice(0, MAX_LOGGED_MESSAGE);
  if (typeof reason === 'string') scope.fields.error_reason = reason.slice(0, MAX_LOGGED_MESSAGE);
};

const MAX_LOGGED_MESSAGE = 200;
