import { DATA_PREFIX, type Queues, type Secrets, type Storage } from './resources';

/** Every function runs the same runtime, bundled as ESM by SST (esbuild). */
export const RUNTIME = 'nodejs22.x';

export interface Deployment {
  storage: Storage;
  queues: Queues;
  secrets: Secrets;
}

/** Settings read from the deploying shell (or `.env`), passed on when set. */
const PASSED_THROUGH = ['LOG_LEVEL', 'ENABLE_AUTH', 'JWKS_URL', 'JWT_ISSUER', 'JWT_AUDIENCE', 'JWT_ALGORITHMS', 'ALLOWED_CLIENT_IDS', 'RAY_JOB_ENTRYPOINT', 'DATASET_DOWNLOAD_MAX_BYTES',
  'DB_ALLOWED_HOSTS', 'DB_CREDENTIALS_SECRET_ARN', 'DB_SSL', 'DB_SSL_CA_FILE'] as const;

/**
 * The environment of every function: where the table, queues, buckets and Ray are (functions/aws/config.ts
 * reads these names). Queues are given by URL, so no function looks one up at cold start.
 */
export const lambdaEnvironment = ({ storage, queues, secrets }: Deployment): Record<string, unknown> => ({
  JOBS_TABLE: storage.jobs.name,
  REQUESTS_QUEUE: queues.requests.url,
  REQUESTS_DLQ: queues.requestsDeadLetters.url,
  EVENTS_QUEUE: queues.events.url,
  EVENTS_DLQ: queues.eventsDeadLetters.url,
  PROFILES_BUCKET: storage.profiles.name,
  DATA_ROOT: $interpolate`s3://${storage.data.name}/${DATA_PREFIX}`,
  IDEMPOTENCY_TABLE: storage.idempotency.name,
  RAY_ADDRESS: secrets.rayAddress.value,
  ...(secrets.rayAuthToken ? { RAY_AUTH_TOKEN: secrets.rayAuthToken.value } : {}),
  ...Object.fromEntries(PASSED_THROUGH.flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : []))),
});

/** A function's arguments: the shared runtime and environment, its own handler, links and limits. */
export const lambda = (deployment: Deployment, handler: string, link: readonly unknown[], extra: Record<string, unknown> = {}) => ({
  handler,
  runtime: RUNTIME,
  timeout: '30 seconds',
  memory: '512 MB',
  link: [...link],
  environment: lambdaEnvironment(deployment),
  ...extra,
});
