import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Services } from '@dataset-profiler/core';
import { apiRoutes } from '../../../functions/api/routes.js';
import { createDispatcher } from '../../../functions/http/dispatch.js';
import type { HttpEdge } from '../../../functions/http/httpHandler.js';
import { capturingLogger, context } from './events.js';

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: any;
  raw: string;
}

/** The whole table behind one dispatcher, invoked with plain events (no server). */
export const lambdaApi = (services: Services, edge: Partial<HttpEdge> = {}) => {
  const { logger, lines } = capturingLogger();
  const dispatch = createDispatcher(apiRoutes, services, { logger, ...edge });
  return {
    lines,
    async call(event: APIGatewayProxyEventV2): Promise<Answer> {
      return toAnswer(await dispatch(event, context));
    },
  };
};

export const toAnswer = (result: APIGatewayProxyStructuredResultV2): Answer => {
  const raw = result.body ?? '';
  const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
  let body: unknown = raw;
  if (headers['content-type']?.startsWith('application/json')) body = JSON.parse(raw);
  return { status: result.statusCode ?? 200, headers, body, raw };
};
