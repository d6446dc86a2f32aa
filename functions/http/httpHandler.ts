import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { Logger } from '@dataset-profiler/core';
import type { Config } from '../config.js';
import { auth, isProtectedPath } from './auth.js';
import { createAuthenticator, type Authenticator } from './authenticator.js';
import { bodyLimit, MAX_BODY_BYTES } from './bodyLimit.js';
import { errorBoundary } from './errorBoundary.js';
import { jsonBody } from './jsonBody.js';
import { requestScope, scopeOf } from './requestScope.js';

/** What an endpoint sees: the parsed body, path parameters, and its request's id and logger. */
export interface ApiRequest {
  body: unknown;
  pathParameters: Readonly<Record<string, string | undefined>>;
  headers: Readonly<Record<string, string | undefined>>;
  requestId: string;
  /** Whether this deployment checks tokens on `/profiler/*` (ENABLE_AUTH=true). */
  authEnabled: boolean;
  log: Logger;
  /** Adds fields (e.g. `job_id`) to the request's access log line. */
  annotate(fields: Record<string, unknown>): void;
}

export type Endpoint = (request: ApiRequest) => Promise<APIGatewayProxyStructuredResultV2>;
export type ApiHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** Built once per cold start and shared by every route: the logger and the (optional) token check. */
export interface HttpEdge {
  logger: Logger;
  authenticator?: Authenticator;
  maxBodyBytes?: number;
}

/** The part of a route the chain needs. */
export interface HandlerSpec {
  method: string;
  path: string;
  /** Whether the route takes a JSON body. */
  body?: boolean;
}

export const createHttpEdge = (config: Config, logger: Logger): HttpEdge => {
  const authenticator = createAuthenticator(config.auth);
  return { logger, ...(authenticator ? { authenticator } : {}) };
};

/**
 * The middy chain every route runs. Order matters: the scope comes first so its after/onError run
 * last (header + access line); the boundary turns any error into the one error shape; the size check
 * precedes the token check and the parser, so nothing reads an oversized body.
 */
export const httpHandler = (spec: HandlerSpec, endpoint: Endpoint, edge: HttpEdge): ApiHandler => {
  const chain = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 | undefined>()
    .use(requestScope({ logger: edge.logger, route: `${spec.method} ${spec.path}` }))
    .use(errorBoundary())
    .use(bodyLimit({ maxBytes: edge.maxBodyBytes ?? MAX_BODY_BYTES }));
  if (edge.authenticator && isProtectedPath(spec.path)) chain.use(auth(edge.authenticator));
  if (spec.body) chain.use(jsonBody());
  const authEnabled = edge.authenticator !== undefined;
  const handler = chain.handler((event: APIGatewayProxyEventV2) => endpoint(toApiRequest(event, authEnabled)));
  return handler as unknown as ApiHandler;
};

const toApiRequest = (event: APIGatewayProxyEventV2, authEnabled: boolean): ApiRequest => {
  const scope = scopeOf(event);
  if (!scope) throw new Error('request scope missing: requestScope() must run first');
  return {
    // The body parser replaced the text with the parsed value.
    body: event.body as unknown,
    pathParameters: event.pathParameters ?? {},
    headers: event.headers ?? {},
    requestId: scope.requestId,
    authEnabled,
    log: scope.log,
    annotate: (fields) => Object.assign(scope.fields, fields),
  };
};
