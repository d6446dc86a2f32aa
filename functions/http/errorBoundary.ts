import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { toErrorResponse } from './errorResponse.js';
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
    const mapped = toErrorResponse(request.error, scope?.requestId ?? pickRequestId(request.event));
    if (scope) noteError(scope, request.error, mapped.internal);
    request.response = mapped.response;
  };
  return { onError: errorBoundaryOnError };
};

/** A 5xx keeps its cause for the access line; a 4xx keeps its code (and an auth failure its reason). */
const noteError = (scope: RequestScope, error: unknown, internal: boolean): void => {
  if (internal) scope.error = error;
  const { code, reason } = (error ?? {}) as { code?: unknown; reason?: unknown };
  if (typeof code === 'string') scope.fields.error_code = code;
  if (typeof reason === 'string') scope.fields.error_reason = reason;
};
