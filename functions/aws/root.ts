import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { createAwsClients, parseS3Uri, queueNameOf, S3Datasets, S3SpecificationFiles, wireAws } from '@dataset-profiler/aws';
import { createRayJobs } from '@dataset-profiler/ray';
import type { ApiDeps } from '../lambda/apiRouteHandler.js';
import type { DeadLetterDeps } from '../lambda/deadLetterHandler.js';
import type { DispatcherDeps } from '../lambda/dispatcherHandler.js';
import { once } from '../lambda/once.js';
import type { ReconcilerDeps } from '../lambda/reconcilerHandler.js';
import type { S3TriggerDeps } from '../lambda/s3TriggerHandler.js';
import { databaseHostPolicy } from '../databaseHosts.js';
import { createHttpEdge } from '../http/httpHandler.js';
import { createLogger } from '../http/logger.js';
import { parseLambdaConfig } from './config.js';
import { rayJobSpec } from './rayJobSpec.js';

/**
 * The Lambda composition root: configuration from the environment, the AWS adapters (wireAws), Ray
 * over HTTP, S3 datasets, the DB_ALLOWED_HOSTS policy. Built once per container, on the first
 * invocation, and shared by whichever handler this function runs. Never imports packages/local.
 */
const root = once(async () => {
  const config = parseLambdaConfig();
  const logger = createLogger(config.edge);
  const clients = createAwsClients(config.aws);
  const dataRoot = parseS3Uri(config.lambda.DATA_ROOT);
  if (!dataRoot) throw new Error(`Invalid Lambda configuration: DATA_ROOT: not an s3:// URI`);
  const services = await wireAws(config.aws, {
    ray: createRayJobs(config.lambda),
    datasets: new S3Datasets(clients.s3, dataRoot),
    databaseHosts: databaseHostPolicy(config.edge.databaseAllowedHosts),
    logger,
    clients,
  });
  return { config, logger, clients, dataRoot, services };
});

export const apiDeps = once(async (): Promise<ApiDeps> => {
  const { config, logger, services } = await root();
  return { services, edge: createHttpEdge(config.edge, logger) };
});

export const dispatcherDeps = once(async (): Promise<DispatcherDeps> => {
  const { config, services } = await root();
  return { services, specFor: rayJobSpec(config), requestsQueueName: queueNameOf(config.aws.REQUESTS_QUEUE) };
});

export const deadLetterDeps = once(async (): Promise<DeadLetterDeps> => {
  const { config, services } = await root();
  return { services, requestsDeadLetterQueueName: queueNameOf(config.aws.REQUESTS_DLQ) };
});

export const reconcilerDeps = once(async (): Promise<ReconcilerDeps> => {
  const { config, services } = await root();
  return { services, options: { resubmitAfterMs: config.lambda.RESUBMIT_AFTER_MS, graceMs: config.lambda.RECONCILE_GRACE_MS } };
});

export const s3TriggerDeps = once(async (): Promise<S3TriggerDeps> => {
  const { config, clients, dataRoot, services } = await root();
  return {
    services,
    files: new S3SpecificationFiles(clients.s3),
    dataRoot,
    idempotency: new DynamoDBPersistenceLayer({ tableName: config.lambda.IDEMPOTENCY_TABLE, awsSdkV3Client: clients.dynamo }),
    duplicateWindowSeconds: config.lambda.UPLOAD_DUPLICATE_WINDOW_S,
  };
});
