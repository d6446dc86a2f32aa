import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { Logger, Services } from '@dataset-profiler/core';
import { apiRoutes, type RouteSpec } from '../../../functions/api/routes.js';
import { parseConfig, type Config } from '../../../functions/config.js';
import { MAX_BODY_BYTES } from '../../../functions/http/bodyLimit.js';
import { createDispatcher, rejectingHandler } from '../../../functions/http/dispatch.js';
import { internalErrorResponse } from '../../../functions/http/errorResponse.js';
import { PayloadTooLargeError } from '../../../functions/http/errors.js';
import { createHttpEdge, type ApiHandler } from '../../../functions/http/httpHandler.js';
import { readBody } from './http/readBody.js';
import { toApiGatewayEvent } from './http/toApiGatewayEvent.js';
import { writeResult } from './http/writeResult.js';

export interface HttpServerOptions {
  services: Services;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** Server-level lines (listening, failures); request lines go through the same logger. */
  logger: Logger;
  /** Defaults to parseConfig(process.env). */
  config?: Config;
  routes?: readonly RouteSpec[];
}

export interface RunningHttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The local stack's HTTP front: each request becomes the API Gateway v2 event the cloud would send,
 * runs through the same routes table and middy chain as the Lambda functions, and the result is
 * written back as API Gateway would.
 */
export const startHttpServer = async ({ services, port, host = '127.0.0.1', logger, config = parseConfig(), routes = apiRoutes }: HttpServerOptions): Promise<RunningHttpServer> => {
  const edge = createHttpEdge(config, logger);
  const dispatch = createDispatcher(routes, services, edge);
  const tooLarge = rejectingHandler(() => new PayloadTooLargeError(MAX_BODY_BYTES), edge);
  const server = createServer((req, res) => {
    serve(req, res, dispatch, tooLarge).catch((error: unknown) => failSafe(res, logger, error));
  });
  // A malformed request line or a reset socket ends that connection only (Node's default, logged).
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    logger.debug({ code: error.code }, 'http client error');
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
  logger.info({ url }, 'http server listening');
  return {
    url,
    port: bound,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
};

const serve = async (req: IncomingMessage, res: ServerResponse, dispatch: ApiHandler, tooLarge: ApiHandler): Promise<void> => {
  const read = await readBody(req, MAX_BODY_BYTES);
  if (read.kind === 'tooLarge') {
    // The connection is closed after the answer: the rest of the upload is not worth reading.
    const event = toApiGatewayEvent(req, undefined);
    writeResult(res, await tooLarge(event, lambdaContext(event)), { Connection: 'close' });
    return;
  }
  const event = toApiGatewayEvent(req, read.body);
  writeResult(res, await dispatch(event, lambdaContext(event)));
};

/**
 * Enough of a Lambda context for the chain. No getRemainingTimeInMillis on purpose: without it
 * middy sets no early-timeout timer, as there is no Lambda deadline locally.
 */
const lambdaContext = (event: APIGatewayProxyEventV2): Context =>
  ({
    functionName: 'dataset-profiler-api',
    functionVersion: '$LATEST',
    awsRequestId: event.requestContext.requestId,
    callbackWaitsForEmptyEventLoop: false,
  }) as Context;

/**
 * The chain has its own boundary; this only catches a failure of the server plumbing itself. It
 * must not throw: it runs in a promise's catch, where a throw would be an unhandled rejection.
 */
const failSafe = (res: ServerResponse, logger: Logger, error: unknown): void => {
  logger.error({ err: error }, 'http server failed to answer');
  try {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const { body } = internalErrorResponse('').response;
    res.writeHead(500, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body ?? '')) });
    res.end(body);
  } catch {
    res.destroy();
  }
};
