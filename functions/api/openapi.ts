import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponseObject } from 'zod-openapi';
import { ErrorResponseSchema } from '@dataset-profiler/core';
import { isProtectedPath } from '../http/auth.js';
import type { Endpoint } from '../http/httpHandler.js';
import { json } from '../http/responses.js';
import type { RouteSpec } from './routeSpec.js';

/** The OpenAPI 3.1 document, generated from the routes table and its zod schemas. */

/** One component for every error answer, referenced by `$ref` instead of repeated inline. */
const ErrorDocument = ErrorResponseSchema.meta({ id: 'ErrorResponse', description: "FastAPI's `detail` plus a GError document" });

const ERROR_DESCRIPTIONS: Record<number, string> = {
  401: 'Missing, invalid or expired token (when ENABLE_AUTH=true)',
  403: 'The token is valid but its client is not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  409: "Conflicts with the job's state",
  413: 'Request body larger than 1 MiB',
  415: 'Content-Type is not application/json',
  422: 'Validation error: `detail` lists one entry per offending field (a body nesting deeper than 64 levels is `json_too_deep`)',
  500: 'Internal error (never a stack trace)',
  503: 'A dependency is unavailable; retry after `Retry-After` seconds',
};

const ERROR_HEADERS: Record<number, Record<string, z.ZodType>> = {
  401: { 'WWW-Authenticate': z.literal('Bearer') },
  405: { Allow: z.string() },
  503: { 'Retry-After': z.string().meta({ description: 'Seconds to wait before retrying' }) },
};

/** What the running deployment does, so the document describes what this server accepts. */
export interface DocumentOptions {
  /** It checks tokens. */
  authEnabled: boolean;
  /** DB_ALLOWED_HOSTS lists a host: DatabaseConnection connectors are taken (default true). */
  databaseConnections?: boolean;
}

const errorStatuses = (route: RouteSpec, { authEnabled }: DocumentOptions): number[] => {
  const statuses = new Set<number>([...route.errors, 500]);
  // Every /profiler/* route reads a store or the runner (503 when one is down); 401/403 only with auth on.
  if (isProtectedPath(route.path)) statuses.add(503);
  if (authEnabled && isProtectedPath(route.path)) [401, 403].forEach((s) => statuses.add(s));
  if (route.body) [413, 415, 422].forEach((s) => statuses.add(s));
  if (route.request?.path) statuses.add(422);
  return [...statuses].sort((a, b) => a - b);
};

const responsesOf = (route: RouteSpec, options: DocumentOptions): Record<string, ZodOpenApiResponseObject> => {
  const { response } = route;
  const responses: Record<string, ZodOpenApiResponseObject> = {
    [String(response.status ?? 200)]: {
      description: response.description,
      content: Object.fromEntries((response.contentTypes ?? ['application/json']).map((type) => [type, { schema: response.schema }])),
    },
  };
  for (const status of errorStatuses(route, options)) {
    const headers = ERROR_HEADERS[status];
    responses[String(status)] = {
      description: ERROR_DESCRIPTIONS[status] ?? 'Error',
      ...(headers ? { headers: z.object(headers) } : {}),
      content: { 'application/json': { schema: ErrorDocument } },
    };
  }
  return responses;
};

const documentedBody = ({ body, bodyWithoutDatabases }: { body?: z.ZodType; bodyWithoutDatabases?: z.ZodType }, options: DocumentOptions) =>
  options.databaseConnections === false && bodyWithoutDatabases ? bodyWithoutDatabases : body;

const operationOf = (route: RouteSpec, options: DocumentOptions): ZodOpenApiOperationObject => ({
  operationId: route.operationId,
  summary: route.summary,
  tags: [...route.tags],
  ...(route.request?.path ? { requestParams: { path: route.request.path } } : {}),
  ...(route.request?.body ? { requestBody: { required: true, content: { 'application/json': { schema: documentedBody(route.request, options) } } } } : {}),
  ...(options.authEnabled && isProtectedPath(route.path) ? { security: [{ bearerAuth: [] }] } : {}),
  responses: responsesOf(route, options),
});

export const buildOpenApiDocument = (routes: readonly RouteSpec[], options: DocumentOptions): ReturnType<typeof createDocument> => {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operationOf(route, options) };
  }
  return createDocument({
    openapi: '3.1.0',
    info: { title: 'Dataset Profiler', version: '0.1.0', description: 'Profiles datasets into MLCommons Croissant JSON-LD.' },
    paths,
    ...(options.authEnabled ? { components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } } } : {}),
  });
};

/** Built on first request and kept: the table and the auth setting do not change while the process lives. */
export const openApiEndpoint = (routes: () => readonly RouteSpec[], options: Omit<DocumentOptions, 'authEnabled'>): Endpoint => {
  let document: unknown;
  return async function openApiHandler(request) {
    document ??= buildOpenApiDocument(routes(), { ...options, authEnabled: request.authEnabled });
    return json(document);
  };
};
