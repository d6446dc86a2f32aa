import type { Services } from '@dataset-profiler/core';
import { apiRoutes, type RouteSpec } from '../api/routes.js';
import { httpHandler, type ApiHandler, type HttpEdge } from '../http/httpHandler.js';

export interface ApiDeps {
  services: Services;
  edge: HttpEdge;
}

export const routeByOperationId = (operationId: string): RouteSpec => {
  const route = apiRoutes.find((candidate) => candidate.operationId === operationId);
  if (!route) throw new Error(`no route with operationId ${operationId}`);
  return route;
};

/**
 * One route of the routes table as its own Lambda (API Gateway HTTP API, payload v2): the same middy
 * chain the local server runs, built on the first invocation from the composition root.
 */
export const createApiRouteHandler = (operationId: string, deps: () => Promise<ApiDeps>): ApiHandler => {
  const route = routeByOperationId(operationId);
  let handler: ApiHandler | undefined;
  return async function apiRouteHandler(event, context) {
    if (!handler) {
      const { services, edge } = await deps();
      handler ??= httpHandler(route, route.make(services), edge);
    }
    return handler(event, context);
  };
};
