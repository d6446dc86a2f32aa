import { createS3TriggerHandler } from '../lambda/s3TriggerHandler.js';
import { DEPLOYMENT_VARIABLES } from './config.js';
import { s3TriggerDeps } from './root.js';

/** Invoked by the data bucket's ObjectCreated notification for `…/profile_specification.json`. */
export const handler = createS3TriggerHandler(s3TriggerDeps);
export const environment = [...DEPLOYMENT_VARIABLES, 'IDEMPOTENCY_TABLE'] as const;
