import { createDispatcherHandler } from '../lambda/dispatcherHandler.js';
import { DEPLOYMENT_VARIABLES } from './config.js';
import { dispatcherDeps } from './root.js';

/** Subscribed to the requests and events queues, partial batch responses on. */
export const handler = createDispatcherHandler(dispatcherDeps);
export const environment = DEPLOYMENT_VARIABLES;
