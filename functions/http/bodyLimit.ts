import type middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { PayloadTooLargeError } from './errors.js';

export const MAX_BODY_BYTES = 1024 * 1024;

/** Decoded size of the body: a base64 body is measured as the bytes it stands for. */
export const bodyBytes = (event: Pick<APIGatewayProxyEventV2, 'body' | 'isBase64Encoded'>): number =>
  event.body === undefined ? 0 : Buffer.byteLength(event.body, event.isBase64Encoded ? 'base64' : 'utf8');

/** Rejects an oversized body with 413 before anything tries to parse it. */
export const bodyLimit = ({ maxBytes = MAX_BODY_BYTES } = {}): middy.MiddlewareObj<APIGatewayProxyEventV2> => {
  const bodyLimitBefore = (request: middy.Request<APIGatewayProxyEventV2>): void => {
    if (bodyBytes(request.event) > maxBytes) throw new PayloadTooLargeError(maxBytes);
  };
  return { before: bodyLimitBefore };
};
