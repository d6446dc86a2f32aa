/**
 * The HTTP API as SST deploys it: one Lambda per route of functions/api/routes.ts, each handler file
 * under functions/aws/api/ named after its operationId, and the resources it may touch (its links: IAM
 * grants for exactly those). The infra test checks this list against /openapi.json.
 */
export type ApiResource = 'jobs' | 'requests' | 'profiles' | 'data';

export interface DeployedRoute {
  method: 'GET' | 'POST';
  path: string;
  operationId: string;
  uses: readonly ApiResource[];
  /** Packages read from node_modules at run time, shipped beside the bundle. */
  install?: readonly string[];
}

export const deployedRoutes: readonly DeployedRoute[] = [
  // The table holds the circuit record too: trigger_profile answers 503 while it is open.
  { method: 'POST', path: '/profiler/trigger_profile', operationId: 'triggerProfile', uses: ['jobs', 'requests', 'data'] },
  { method: 'GET', path: '/profiler/job_status/{job_id}', operationId: 'getJobStatus', uses: ['jobs'] },
  { method: 'GET', path: '/profiler/runner_status/{job_id}', operationId: 'getRunnerStatus', uses: ['jobs'] },
  { method: 'GET', path: '/profiler/profile/{job_id}', operationId: 'getProfile', uses: ['jobs', 'profiles'] },
  { method: 'GET', path: '/profiler/profile/{job_id}/view', operationId: 'viewProfile', uses: ['jobs', 'profiles'] },
  { method: 'GET', path: '/profiler/cdd_profile_path/{dataset_id}', operationId: 'getCddProfilePath', uses: ['profiles'] },
  { method: 'POST', path: '/profiler/clean_up', operationId: 'cleanUp', uses: ['jobs', 'profiles'] },
  { method: 'GET', path: '/', operationId: 'liveness', uses: [] },
  { method: 'GET', path: '/monitoring/ready', operationId: 'readiness', uses: [] },
  { method: 'GET', path: '/monitoring/health-check', operationId: 'healthCheck', uses: ['jobs', 'profiles'] },
  { method: 'GET', path: '/openapi.json', operationId: 'openApiDocument', uses: [] },
  { method: 'GET', path: '/docs', operationId: 'docsPage', uses: [] },
  { method: 'GET', path: '/docs/{asset}', operationId: 'docsAsset', uses: [], install: ['swagger-ui-dist'] },
];

export const handlerOf = (route: DeployedRoute): string => `functions/aws/api/${route.operationId}.handler`;
