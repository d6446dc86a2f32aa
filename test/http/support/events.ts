import { Writable } from 'node:stream';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { Logger } from '@dataset-profiler/core';
import { createLogger } from '../../../functions/http/logger.js';

export interface EventInput {
  method?: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
  pathParameters?: Record<string, string>;
  isBase64Encoded?: boolean;
}

/** A plain API Gateway HTTP API (v2) event, as the cloud would send it. */
export const apiEvent = ({ method = 'GET', path, body, headers = {}, pathParameters, isBase64Encoded = false }: EventInput): APIGatewayProxyEventV2 => ({
  version: '2.0',
  routeKey: '$default',
  rawPath: path,
  rawQueryString: '',
  headers,
  ...(pathParameters ? { pathParameters } : {}),
  requestContext: {
    accountId: 'test',
    apiId: 'test',
    domainName: 'localhost',
    domainPrefix: 'localhost',
    http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
    requestId: 'apigw-request-id',
    routeKey: '$default',
    stage: '$default',
    time: '15/Jan/2026:10:00:00 +0000',
    timeEpoch: 0,
  },
  ...(body === undefined ? {} : { body }),
  isBase64Encoded,
});

export const jsonEvent = (method: string, path: string, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyEventV2 =>
  apiEvent({ method, path, body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

/** The one-line context stub middy's own tests use. */
export const context = { getRemainingTimeInMillis: () => 30_000 } as unknown as Context;

/** A pino logger writing JSON lines into an array, so tests can read the access lines. */
export const capturingLogger = (): { logger: Logger; lines: Record<string, unknown>[] } => {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger({ logLevel: 'debug' }, sink), lines };
};
