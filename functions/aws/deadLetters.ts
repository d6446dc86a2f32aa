import { createDeadLetterHandler } from '../lambda/deadLetterHandler.js';
import { DEPLOYMENT_VARIABLES } from './config.js';
import { deadLetterDeps } from './root.js';

/** Subscribed to both dead-letter queues, partial batch responses on. */
export const handler = createDeadLetterHandler(deadLetterDeps);
export const environment = DEPLOYMENT_VARIABLES;
