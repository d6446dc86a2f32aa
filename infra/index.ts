// The AWS resources of the service, declared inside sst.config.ts's run() (SST's globals exist then).
// test/infra/infra.test.ts loads these files with a recording stand-in for those globals.
import { declareApi } from './api';
import { declareRayJobPolicy } from './rayJobPolicy';
import { declareQueues, declareSecrets, declareStorage } from './resources';
import { declareWorkers } from './workers';

export const declareInfrastructure = async () => {
  const deployment = { storage: declareStorage(), queues: declareQueues(), secrets: declareSecrets() };
  const api = declareApi(deployment);
  declareWorkers(deployment);
  const rayJobPolicy = declareRayJobPolicy(deployment.storage, deployment.queues);
  return {
    api: api.url,
    dataBucket: deployment.storage.data.name,
    profilesBucket: deployment.storage.profiles.name,
    jobsTable: deployment.storage.jobs.name,
    rayJobPolicy: rayJobPolicy.arn,
  };
};
