import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Services } from '@dataset-profiler/core';
import { MethodNotAllowedError, RouteNotFoundError } from './errors.js';
import { httpHandler, type ApiHandler, type Endpoint, type HandlerSpec, type HttpEdge } from './httpHandler.js';
import { createRouter } from './router.js';

/** A route as the dispatcher needs it; the routes table's entries satisfy it. */
export interface DispatchableRoute extends HandlerSpec {
  make: (s: Services) => Endpoint;
}

/**
 * One handler for the whole table (the local server, or a single Lambda behind `$default`): match,
 * fill `routeKey` and `pathParameters` as API Gateway would, invoke. Unknown paths and wrong methods
 * go through the same chain, so they get the same error body, request id and access line.
 */
export const createDispatcher = (routes: readonly DispatchableRoute[], services: Services, edge: HttpEdge): ApiHandler => {
  const router = createRouter(routes);
  const handlers = new Map(routes.map((route) => [route, httpHandler(route, route.make(services), edge)]));
  const notFound = rejectingHandler(() => new RouteNotFoundError(), edge);
  const methodNotAllowed = (allow: string[]): ApiHandler => rejectingHandler(() => new MethodNotAllowedError(allow), edge);

  return async function dispatch(event, context) {
    const method = event.requestContext.http.method;
    const found = router.match(method, event.rawPath);
    if (found.kind === 'notFound') {
      const withoutSlash = event.rawPath.length > 1 && event.rawPath.endsWith('/') ? event.rawPath.replace(/\/+$/, '') : undefined;
      if (withoutSlash && router.match(method, withoutSlash).kind === 'found') return redirect(withoutSlash, event.rawQueryString, edge)({ ...event, routeKey: '$default' }, context);
      return notFound({ ...event, routeKey: '$default' }, context);
    }
    if (found.kind === 'methodNotAllowed') return methodNotAllowed(found.allow)({ ...event, routeKey: '$default' }, context);
    const routed: APIGatewayProxyEventV2 = { ...event, routeKey: `${found.route.method} ${found.route.path}`, pathParameters: found.pathParameters };
    return (handlers.get(found.route) as ApiHandler)(routed, context);
  };
};

/**
 * `/docs/` → `/docs`: a trailing slash is redirected to the route without it, as FastAPI's
 * redirect_slashes does; 307 keeps the method and body.
 */
const redirect = (path: string, query: string, edge: HttpEdge): ApiHandler =>
  httpHandler({ method: 'ANY', path: '$default' }, async () => ({ statusCode: 307, headers: { Location: query ? `${path}?${query}` : path } }), edge);

/** A chain whose endpoint only fails: for answers the table itself gives (404, 405). */
export const rejectingHandler = (error: () => Error, edge: HttpEdge): ApiHandler =>
  httpHandler({ method: 'ANY', path: '$default' }, () => Promise.reject(error()), edge);
