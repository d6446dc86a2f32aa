import { randomUUID } from 'node:crypto';
import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Logger } from '@dataset-profiler/core';

/** What one request carries through the chain: its id, its logger, and fields for the access line. */
export interface RequestScope {
  requestId: string;
  log: Logger;
  fields: Record<string, unknown>;
  startedAt: number;
  /** Set by the error boundary for a 5xx, so the access line can carry the cause. */
  error?: unknown;
}

type Request = middy.Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 | undefined>;

// Keyed by the event object: the handler receives the same event, and nothing foreign is mutated.
const scopes = new WeakMap<object, RequestScope>();

export const scopeOf = (event: object): RequestScope | undefined => scopes.get(event);

/** A client's id is echoed only if it is short and plain; anything else could forge log lines. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

export const pickRequestId = (event: APIGatewayProxyEventV2): string => {
  const given = headerOf(event, 'x-request-id');
  if (given !== undefined && SANE_REQUEST_ID.test(given)) return given;
  return event.requestContext?.requestId || randomUUID();
};

export const headerOf = (event: APIGatewayProxyEventV2, name: string): string | undefined => {
  const headers = event.headers ?? {};
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
};

export interface RequestScopeOptions {
  logger: Logger;
  /** The route key, e.g. `GET /profiler/job_status/{job_id}`. */
  route: string;
}

/** Registered first: its `after` and `onError` run last, once the response (or error answer) is set. */
export const requestScope = ({ logger, route }: RequestScopeOptions): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 | undefined> => {
  const requestScopeBefore = (request: Request): void => {
    const requestId = pickRequestId(request.event);
    scopes.set(request.event, { requestId, log: logger.child({ request_id: requestId }), fields: {}, startedAt: performance.now() });
  };
  const requestScopeAfter = (request: Request): void => {
    const scope = scopes.get(request.event);
    if (!scope) return;
    if (request.response) request.response.headers = { ...request.response.headers, 'X-Request-Id': scope.requestId };
    logAccess(scope, request, route);
  };
  return { before: requestScopeBefore, after: requestScopeAfter, onError: requestScopeAfter };
};

const logAccess = (scope: RequestScope, request: Request, route: string): void => {
  const status = request.response?.statusCode ?? 500;
  const line = {
    method: request.event.requestContext?.http?.method,
    route,
    path: request.event.rawPath,
    status,
    duration_ms: Math.round((performance.now() - scope.startedAt) * 100) / 100,
    ...scope.fields,
    ...(scope.error === undefined ? {} : { err: scope.error }),
  };
  if (status >= 500) scope.log.error(line, 'request failed');
  else scope.log.info(line, 'request');
};
