import { createReconcilerHandler } from '../lambda/reconcilerHandler.js';
import { DEPLOYMENT_VARIABLES } from './config.js';
import { reconcilerDeps } from './root.js';

/** Run on a schedule (EventBridge Scheduler, see infra/workers.ts). */
export const handler = createReconcilerHandler(reconcilerDeps);
export const environment = DEPLOYMENT_VARIABLES;
