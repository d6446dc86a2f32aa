import { createApiRouteHandler } from '../../lambda/apiRouteHandler.js';
import { DEPLOYMENT_VARIABLES } from '../config.js';
import { apiDeps } from '../root.js';

/** The `viewProfile` route of the routes table as its own Lambda (API Gateway HTTP API, payload v2). */
export const handler = createApiRouteHandler('viewProfile', apiDeps);
export const environment = DEPLOYMENT_VARIABLES;
