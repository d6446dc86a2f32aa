import { randomUUID } from 'node:crypto';
import { CircuitBreaker, SystemClock, type Clock, type DatabaseHostPolicy, type Datasets, type Logger, type RayJobs, type Services } from '@dataset-profiler/core';
import { createAwsClients, type AwsClients } from './clients.js';
import type { AwsConfig } from './config.js';
import { DynamoCircuitStore } from './DynamoCircuitStore.js';
import { DynamoJobStore } from './DynamoJobStore.js';
import { resolveQueueUrl } from './queueUrls.js';
import { S3LargeAnswers } from './S3LargeAnswers.js';
import { S3ProfileStore } from './S3ProfileStore.js';
import { SecretsManagerSecrets } from './SecretsManagerSecrets.js';
import { SqsJobQueue } from './SqsJobQueue.js';

/** What differs between the places the AWS adapters run (Lambda, `npm start`, a profile job). */
export interface AwsWireOptions {
  ray: RayJobs;
  datasets: Datasets;
  /** DB_ALLOWED_HOSTS; without it trigger_profile and the job refuse every DatabaseConnection. */
  databaseHosts?: DatabaseHostPolicy;
  logger: Logger;
  clock?: Clock;
  newId?: () => string;
  /** Defaults to clients built from the config. */
  clients?: AwsClients;
}

const retentionOf = (config: AwsConfig) => ({ finalJobTtlDays: config.FINAL_JOB_TTL_DAYS, cleanedUpTtlDays: config.CLEANED_UP_TTL_DAYS });

const queuesOf = async (config: AwsConfig, clients: AwsClients) => {
  const queue = async (nameOrUrl: string) => new SqsJobQueue(clients.sqs, await resolveQueueUrl(clients.sqs, nameOrUrl));
  const [requests, requestsDeadLetters, events, eventsDeadLetters] = await Promise.all([
    queue(config.REQUESTS_QUEUE),
    queue(config.REQUESTS_DLQ),
    queue(config.EVENTS_QUEUE),
    queue(config.EVENTS_DLQ),
  ]);
  return { requests, requestsDeadLetters, events, eventsDeadLetters };
};

/**
 * The AWS composition root: job state and the circuit record in DynamoDB, the queues on SQS,
 * profiles in S3. Queue names are resolved to URLs once (URLs are used as given). Never creates
 * anything: see bootstrapAws.
 */
export const wireAws = async (config: AwsConfig, options: AwsWireOptions): Promise<Services> => {
  const clients = options.clients ?? createAwsClients(config);
  const clock = options.clock ?? new SystemClock();
  return {
    jobs: new DynamoJobStore(clients.db, config.JOBS_TABLE, retentionOf(config)),
    ...(await queuesOf(config, clients)),
    profiles: new S3ProfileStore(clients.s3, config.PROFILES_BUCKET),
    largeAnswers: new S3LargeAnswers(clients.s3, config.PROFILES_BUCKET, config.PROFILE_LINK_TTL_S),
    ray: options.ray,
    circuit: new CircuitBreaker(new DynamoCircuitStore(clients.db, config.JOBS_TABLE, clock), clock, {
      failureThreshold: config.CIRCUIT_FAILURE_THRESHOLD,
      coolDownMs: config.CIRCUIT_COOL_DOWN_MS,
    }),
    datasets: options.datasets,
    ...(options.databaseHosts ? { databaseHosts: options.databaseHosts } : {}),
    clock,
    newId: options.newId ?? randomUUID,
    logger: options.logger,
  };
};

/** What a profile job needs on AWS: it reads its job, writes profiles to S3, sends events to SQS, reads secrets (DB_CREDENTIALS_SECRET_ARN). */
export const wireAwsJob = async (config: AwsConfig, options: Pick<AwsWireOptions, 'datasets' | 'databaseHosts' | 'logger' | 'clients'>) => {
  const clients = options.clients ?? createAwsClients(config);
  return {
    jobs: new DynamoJobStore(clients.db, config.JOBS_TABLE, retentionOf(config)),
    profiles: new S3ProfileStore(clients.s3, config.PROFILES_BUCKET),
    events: new SqsJobQueue(clients.sqs, await resolveQueueUrl(clients.sqs, config.EVENTS_QUEUE)),
    secrets: new SecretsManagerSecrets(clients.secretsManager),
    datasets: options.datasets,
    ...(options.databaseHosts ? { databaseHosts: options.databaseHosts } : {}),
    clock: new SystemClock(),
    logger: options.logger,
  };
};
