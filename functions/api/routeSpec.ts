import type { z } from 'zod';
import type { Services } from '@dataset-profiler/core';
import type { Endpoint, HandlerSpec } from '../http/httpHandler.js';

/**
 * One row of the routes table: everything the local server, SST and the OpenAPI document need.
 * `path` is API Gateway style (`/profiler/job_status/{job_id}`).
 */
export interface RouteSpec extends HandlerSpec {
  method: 'GET' | 'POST';
  path: string;
  operationId: string;
  summary: string;
  tags: readonly string[];
  /**
   * Schemas for the document; the endpoint parses with the same ones. `bodyWithoutDatabases` is the
   * body the document shows while database connections are off (DB_ALLOWED_HOSTS lists no host).
   */
  request?: { body?: z.ZodType; bodyWithoutDatabases?: z.ZodType; path?: z.ZodObject };
  /** `contentTypes`: the media types the response may have (default `application/json`). */
  response: { status?: number; description: string; schema: z.ZodType; contentTypes?: readonly string[] };
  /** Error statuses this route answers besides the ones every route of its kind has. */
  errors: readonly number[];
  make: (s: Services) => Endpoint;
}
