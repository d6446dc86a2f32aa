import type middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Authenticator } from './authenticator.js';
import { headerOf, scopeOf } from './requestScope.js';

/** The routes a token guards; monitoring, docs and the OpenAPI document stay open. */
export const isProtectedPath = (path: string): boolean => path.startsWith('/profiler/');

/** Verifies the Bearer token before the handler runs; the claims' client goes into the access line. */
export const auth = (authenticator: Authenticator): middy.MiddlewareObj<APIGatewayProxyEventV2> => {
  const authBefore = async (request: middy.Request<APIGatewayProxyEventV2>): Promise<void> => {
    const claims = await authenticator.authenticate(headerOf(request.event, 'authorization'));
    const scope = scopeOf(request.event);
    if (scope) scope.fields.client_id = claims.client_id ?? claims.azp;
  };
  return { before: authBefore };
};
