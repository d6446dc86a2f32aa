import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CircuitBreaker, SystemClock, type Job, type JobSpecFactory, type Services } from '@dataset-profiler/core';
import { bootstrapAws, createAwsClients, parseS3Uri, S3Datasets, wireAws, type AwsConfig } from '@dataset-profiler/aws';
import { PROFILER_PROCESS_ENV } from '@dataset-profiler/profiler/process-environment';
import { createRayJobs, type ClosableRayJobs } from '@dataset-profiler/ray';
import type { LocalConfig } from './config.js';
import { FileCircuitStore } from './FileCircuitStore.js';
import { FileJobQueue } from './FileJobQueue.js';
import { FileJobStore } from './FileJobStore.js';
import { FileProfileStore } from './FileProfileStore.js';
import { FsDatasets } from './FsDatasets.js';
import { databaseHostPolicy } from '../../../functions/databaseHosts.js';
import { createLogger } from '../../../functions/http/logger.js';

/** Layout of DATA_DIR, shared by the stack and the jobs it runs. */
const dirs = (dataDir: string) => ({
  profiles: join(dataDir, 'profiles'),
  requests: join(dataDir, 'queues', 'requests'),
  requestsDeadLetters: join(dataDir, 'queues', 'requests-dlq'),
  events: join(dataDir, 'queues', 'events'),
  eventsDeadLetters: join(dataDir, 'queues', 'events-dlq'),
  circuit: join(dataDir, 'circuit'),
  runner: join(dataDir, 'runner'),
});

/** How the local runner starts a profile job: the real entry point, with the job in its environment. */
const localJobSpec = (config: LocalConfig, jobScript: string): JobSpecFactory => (job: Job) => ({
  submissionId: job.jobId,
  // On Ray too by default: a one-machine cluster runs this machine's node and bundle.
  entrypoint: config.RAY_JOB_ENTRYPOINT ?? `${JSON.stringify(process.execPath)} --enable-source-maps ${JSON.stringify(jobScript)}`,
  // The job reads its request from the job store: a 1 MiB request would not fit in an environment variable.
  env: {
    ...PROFILER_PROCESS_ENV,
    JOB_ID: job.jobId,
    PROFILER_BACKEND: config.PROFILER_BACKEND,
    DATA_DIR: config.DATA_DIR,
    DATA_ROOT: config.DATA_ROOT,
    LOG_LEVEL: config.LOG_LEVEL,
    // The job checks its hosts again; DB_CREDENTIALS is inherited from the stack's environment, never copied into job specs.
    DB_ALLOWED_HOSTS: config.DB_ALLOWED_HOSTS.join(','),
    ...(config.PUBLIC_BASE_URL ? { PUBLIC_BASE_URL: config.PUBLIC_BASE_URL } : {}),
  },
  metadata: { dataset_id: job.datasetId ?? '' },
});

export interface LocalStack {
  services: Services;
  runner: ClosableRayJobs;
  specFor: JobSpecFactory;
}

/**
 * The local composition root: every port on its embedded implementation under DATA_DIR.
 * `jobScript` is the built profile job (dist/profile-job.js) the local runner starts for each job.
 */
export const wireLocal = async (config: LocalConfig, jobScript: string): Promise<LocalStack> => {
  const d = dirs(config.DATA_DIR);
  await mkdir(config.DATA_ROOT, { recursive: true });
  const clock = new SystemClock();
  const logger = createLogger({ logLevel: config.LOG_LEVEL });
  const requestsDeadLetters = new FileJobQueue({ dir: d.requestsDeadLetters, clock });
  const eventsDeadLetters = new FileJobQueue({ dir: d.eventsDeadLetters, clock });
  const runner = createRayJobs(config, { local: { stateDir: d.runner, concurrency: config.LOCAL_RUNNER_CONCURRENCY, logger } });
  const services: Services = {
    jobs: new FileJobStore(config.DATA_DIR, { logger }),
    requests: new FileJobQueue({
      dir: d.requests,
      visibilityTimeoutSeconds: config.REQUEST_VISIBILITY_TIMEOUT_S,
      maxReceives: config.MAX_RECEIVES,
      deadLetter: requestsDeadLetters,
      clock,
    }),
    requestsDeadLetters,
    events: new FileJobQueue({
      dir: d.events,
      visibilityTimeoutSeconds: config.EVENT_VISIBILITY_TIMEOUT_S,
      maxReceives: config.MAX_RECEIVES,
      deadLetter: eventsDeadLetters,
      clock,
    }),
    eventsDeadLetters,
    profiles: new FileProfileStore(d.profiles),
    ray: runner,
    circuit: new CircuitBreaker(new FileCircuitStore(d.circuit, clock), clock, {
      failureThreshold: config.CIRCUIT_FAILURE_THRESHOLD,
      coolDownMs: config.CIRCUIT_COOL_DOWN_MS,
    }),
    datasets: new FsDatasets(config.DATA_ROOT),
    databaseHosts: databaseHostPolicy(config.DB_ALLOWED_HOSTS),
    clock,
    newId: randomUUID,
    logger,
  };
  return { services, runner, specFor: localJobSpec(config, jobScript) };
};

/**
 * `npm start` with PROFILER_BACKEND=aws: the AWS composition root for every store and queue, with the
 * local runner still running the jobs (which then write to S3 and send their events to SQS).
 * AWS_BOOTSTRAP=true first creates whatever table, queue or bucket is missing.
 */
export const wireAwsStack = async (config: LocalConfig, aws: AwsConfig, jobScript: string): Promise<LocalStack> => {
  const clients = createAwsClients(aws);
  // DATA_ROOT=s3://bucket/prefix: datasets are S3 prefixes; otherwise a folder, as on the embedded stack.
  const s3Root = parseS3Uri(config.DATA_ROOT);
  if (!s3Root) await mkdir(config.DATA_ROOT, { recursive: true });
  const logger = createLogger({ logLevel: config.LOG_LEVEL });
  if (aws.AWS_BOOTSTRAP) await bootstrapAws(aws, clients);
  const runner = createRayJobs(config, { local: { stateDir: dirs(config.DATA_DIR).runner, concurrency: config.LOCAL_RUNNER_CONCURRENCY, logger } });
  const datasets = s3Root ? new S3Datasets(clients.s3, s3Root) : new FsDatasets(config.DATA_ROOT);
  const services = await wireAws(aws, { ray: runner, datasets, databaseHosts: databaseHostPolicy(config.DB_ALLOWED_HOSTS), logger, clients });
  return { services, runner, specFor: localJobSpec(config, jobScript) };
};

/** What a profile job needs, from the same environment variables (it runs as a child of the runner). */
export const wireLocalJob = (config: Pick<LocalConfig, 'DATA_DIR' | 'DATA_ROOT' | 'LOG_LEVEL' | 'DB_ALLOWED_HOSTS'>) => {
  const d = dirs(config.DATA_DIR);
  const clock = new SystemClock();
  return {
    jobs: new FileJobStore(config.DATA_DIR),
    profiles: new FileProfileStore(d.profiles),
    events: new FileJobQueue({ dir: d.events, clock }),
    datasets: new FsDatasets(config.DATA_ROOT),
    databaseHosts: databaseHostPolicy(config.DB_ALLOWED_HOSTS),
    clock,
    logger: createLogger({ logLevel: config.LOG_LEVEL }).child({ role: 'profile-job' }),
  };
};
