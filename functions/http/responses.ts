import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export const JSON_HEADERS = { 'Content-Type': 'application/json' } as const;

/** A JSON answer (a bare string too: runner_status answers `"pending"`). */
export const json = (body: unknown, statusCode = 200): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { ...JSON_HEADERS },
  body: JSON.stringify(body),
});

/** A non-JSON answer (the docs page and its assets). */
export const content = (body: string, contentType: string, cacheSeconds = 0): APIGatewayProxyStructuredResultV2 => ({
  statusCode: 200,
  headers: { 'Content-Type': contentType, ...(cacheSeconds > 0 ? { 'Cache-Control': `public, max-age=${cacheSeconds}` } : {}) },
  body,
});

/** A temporary redirect (307: the client repeats the same GET at `location`). */
export const redirect = (location: string): APIGatewayProxyStructuredResultV2 => ({
  statusCode: 307,
  headers: { Location: location, 'Cache-Control': 'no-store' },
  body: '',
});
