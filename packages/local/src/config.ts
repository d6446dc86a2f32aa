import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { rayConfigShape } from '@dataset-profiler/ray';
import { z } from 'zod';
import { allowedHostsSchema } from '../../../functions/config.js';

/** Every setting of the local stack, from the environment, with its default. Documented in the README. */
const defaults = {
  PORT: 4557,
  HOST: '127.0.0.1',
  DATA_ROOT: './data',
  DATA_DIR: './.data',
  LOG_LEVEL: 'info',
  PROFILER_BACKEND: 'embedded',
  REQUEST_VISIBILITY_TIMEOUT_S: 60,
  EVENT_VISIBILITY_TIMEOUT_S: 30,
  MAX_RECEIVES: 5,
  RECONCILE_INTERVAL_MS: 5_000,
  RESUBMIT_AFTER_MS: 60_000,
  RECONCILE_GRACE_MS: 30_000,
  CIRCUIT_FAILURE_THRESHOLD: 3,
  CIRCUIT_COOL_DOWN_MS: 30_000,
  DATASET_DOWNLOAD_MAX_BYTES: 10 * 1024 ** 3,
} as const;

const int = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);

const LocalConfigSchema = z.object({
  PORT: int(defaults.PORT).pipe(z.number().max(65535)),
  HOST: z.string().min(1).default(defaults.HOST),
  /** `aws`: jobs, queues, profiles and the circuit on DynamoDB/SQS/S3 (packages/aws); jobs still run on the local runner. */
  PROFILER_BACKEND: z.enum(['embedded', 'aws']).default(defaults.PROFILER_BACKEND),
  /** A folder, or with PROFILER_BACKEND=aws an `s3://bucket/prefix` (jobs then download their dataset first). */
  DATA_ROOT: z.string().min(1).default(defaults.DATA_ROOT).transform((p) => (p.startsWith('s3://') ? p : resolve(p))),
  /** A profile job downloads an S3 dataset into a temp folder here, refusing one larger than the limit. */
  DATASET_DOWNLOAD_DIR: z.string().min(1).optional(),
  DATASET_DOWNLOAD_MAX_BYTES: int(defaults.DATASET_DOWNLOAD_MAX_BYTES, 1),
  DATA_DIR: z.string().min(1).default(defaults.DATA_DIR).transform((p) => resolve(p)),
  LOCAL_RUNNER_CONCURRENCY: int(availableParallelism(), 1),
  PUBLIC_BASE_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default(defaults.LOG_LEVEL),
  REQUEST_VISIBILITY_TIMEOUT_S: int(defaults.REQUEST_VISIBILITY_TIMEOUT_S, 1),
  EVENT_VISIBILITY_TIMEOUT_S: int(defaults.EVENT_VISIBILITY_TIMEOUT_S, 1),
  MAX_RECEIVES: int(defaults.MAX_RECEIVES, 1),
  RECONCILE_INTERVAL_MS: int(defaults.RECONCILE_INTERVAL_MS, 100),
  RESUBMIT_AFTER_MS: int(defaults.RESUBMIT_AFTER_MS),
  RECONCILE_GRACE_MS: int(defaults.RECONCILE_GRACE_MS),
  CIRCUIT_FAILURE_THRESHOLD: int(defaults.CIRCUIT_FAILURE_THRESHOLD, 1),
  CIRCUIT_COOL_DOWN_MS: int(defaults.CIRCUIT_COOL_DOWN_MS, 100),
  // RAY_ADDRESS and the other Ray settings: HttpRayJobs instead of the local runner (packages/ray).
  ...rayConfigShape,
  DB_ALLOWED_HOSTS: allowedHostsSchema.default([]),
})
  .refine((c) => c.PROFILER_BACKEND === 'aws' || !c.DATA_ROOT.startsWith('s3://'), {
    message: 'an s3:// data root needs PROFILER_BACKEND=aws',
    path: ['DATA_ROOT'],
  })
  .refine((c) => c.CIRCUIT_FAILURE_THRESHOLD < c.MAX_RECEIVES, {
  // A request must still have deliveries left when the circuit opens and holds it queued.
  message: 'must be below MAX_RECEIVES, or a runner outage dead-letters requests before the circuit opens',
  path: ['CIRCUIT_FAILURE_THRESHOLD'],
});

export type LocalConfig = Readonly<z.infer<typeof LocalConfigSchema>>;

/** Parses the environment once; a bad value fails naming its variable. */
export const parseLocalConfig = (env: NodeJS.ProcessEnv = process.env): LocalConfig => {
  const parsed = LocalConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return Object.freeze(parsed.data);
};
