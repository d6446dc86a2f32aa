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
  /** Schemas for the document; the endpoint parses with the same ones. */
  request?: { body?: z.ZodType; path?: z.ZodObject };
  response: { status?: number; description: string; schema: z.ZodType; contentType?: string };
  /** Error statuses this route answers besides the ones every route of its kind has. */
  errors: readonly number[];
  make: (s: Services) => Endpoint;
}
