import type { Logger, Services } from '@dataset-profiler/core';
import { parseConfig, type Config } from '../config.js';
import { createDispatcher } from '../http/dispatch.js';
import { createHttpEdge, httpHandler, type ApiHandler } from '../http/httpHandler.js';
import { createLogger } from '../http/logger.js';
import { apiRoutes } from './routes.js';

/**
 * Lambda handlers from the routes table, for a composition root that has built its Services:
 * one function for the whole API (`$default` route) or one per route (by operationId). Call once,
 * at module scope, so config, logger and the JWKS cache live for the cold start.
 */
export const apiLambda = (services: Services, config: Config = parseConfig(), logger: Logger = createLogger(config)): ApiHandler =>
  createDispatcher(apiRoutes, services, createHttpEdge(config, logger));

export const routeLambda = (operationId: string, services: Services, config: Config = parseConfig(), logger: Logger = createLogger(config)): ApiHandler => {
  const route = apiRoutes.find((r) => r.operationId === operationId);
  if (!route) throw new Error(`no route with operationId ${operationId}`);
  return httpHandler(route, route.make(services), createHttpEdge(config, logger));
};
