import { lambda, type Deployment } from './functions';
import { deployedRoutes, handlerOf, type ApiResource } from './routes';

/**
 * The HTTP API (API Gateway HTTP API, payload v2): one function per route. With JWT_ISSUER and
 * JWT_AUDIENCE set at deploy time, API Gateway checks tokens on /profiler/* itself (JWT authorizer).
 */
export const declareApi = (deployment: Deployment) => {
  const { storage, queues } = deployment;
  const linkable: Record<ApiResource, unknown> = { jobs: storage.jobs, requests: queues.requests, profiles: storage.profiles, data: storage.data };
  const api = new sst.aws.ApiGatewayV2('Api');
  const issuer = process.env.JWT_ISSUER;
  const audiences = process.env.JWT_AUDIENCE?.split(',').map((a) => a.trim()).filter(Boolean);
  const authorizer = issuer && audiences?.length ? api.addAuthorizer({ name: 'Jwt', jwt: { issuer, audiences } }) : undefined;
  for (const route of deployedRoutes) {
    const extra = route.install ? { nodejs: { install: [...route.install] } } : {};
    const guarded = authorizer && route.path.startsWith('/profiler/') ? { auth: { jwt: { authorizer: authorizer.id } } } : {};
    api.route(`${route.method} ${route.path}`, lambda(deployment, handlerOf(route), route.uses.map((use) => linkable[use]), extra), guarded);
  }
  return api;
};
