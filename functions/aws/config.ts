import { z } from 'zod';
import { defaultReconcileOptions } from '@dataset-profiler/core';
import { loadAwsConfig, type AwsConfig } from '@dataset-profiler/aws';
import { rayConfigShape } from '@dataset-profiler/ray';
import { parseConfig, type Config } from '../config.js';

/** The Lambda functions' own settings; the AWS names, Ray and the HTTP edge have theirs. Documented in the README. */
export const lambdaDefaults = {
  IDEMPOTENCY_TABLE: 'dataset-profiler-idempotency',
  UPLOAD_DUPLICATE_WINDOW_S: 3_600,
  RESUBMIT_AFTER_MS: defaultReconcileOptions.resubmitAfterMs,
  RECONCILE_GRACE_MS: defaultReconcileOptions.graceMs,
  DATASET_DOWNLOAD_MAX_BYTES: 10 * 1024 ** 3,
  /** Where Dockerfile.ray puts the job bundle. */
  RAY_JOB_ENTRYPOINT: 'node --enable-source-maps /opt/dataset-profiler/dist/profile-job.js',
} as const;

const int = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);

const LambdaConfigSchema = z.object({
  ...rayConfigShape,
  // Lambda has no local runner: the Ray dashboard is required.
  RAY_ADDRESS: z.url({ protocol: /^https?$/ }),
  RAY_JOB_ENTRYPOINT: z.string().min(1).default(lambdaDefaults.RAY_JOB_ENTRYPOINT),
  /** Datasets: `s3://bucket/prefix` (a Lambda has no shared disk to read a folder from). */
  DATA_ROOT: z.string().regex(/^s3:\/\/[^/]+/, 'must be an s3://bucket/prefix URI in Lambda'),
  IDEMPOTENCY_TABLE: z.string().min(1).default(lambdaDefaults.IDEMPOTENCY_TABLE),
  UPLOAD_DUPLICATE_WINDOW_S: int(lambdaDefaults.UPLOAD_DUPLICATE_WINDOW_S, 1),
  RESUBMIT_AFTER_MS: int(lambdaDefaults.RESUBMIT_AFTER_MS),
  RECONCILE_GRACE_MS: int(lambdaDefaults.RECONCILE_GRACE_MS),
  /** Handed to the profile job, which downloads an S3 dataset up to this size before profiling. */
  DATASET_DOWNLOAD_MAX_BYTES: int(lambdaDefaults.DATASET_DOWNLOAD_MAX_BYTES, 1),
  /** Handed to the profile job: the Secrets Manager secret holding its database credentials (never the credentials). */
  DB_CREDENTIALS_SECRET_ARN: z.string().min(1).optional(),
  /** Handed to the profile job: TLS to the databases, and the CA file on the Ray image that verify-full trusts. */
  DB_SSL: z.enum(['disable', 'require', 'verify-full']).optional(),
  DB_SSL_CA_FILE: z.string().min(1).optional(),
});

export interface LambdaConfig {
  aws: AwsConfig;
  edge: Config;
  lambda: Readonly<z.infer<typeof LambdaConfigSchema>>;
}

/**
 * Variables a deployment must set for every function: their defaults only suit an emulator (SST names
 * resources itself). The infra test checks that each function's environment names them.
 */
export const DEPLOYMENT_VARIABLES = [
  'JOBS_TABLE',
  'REQUESTS_QUEUE',
  'REQUESTS_DLQ',
  'EVENTS_QUEUE',
  'EVENTS_DLQ',
  'PROFILES_BUCKET',
  'DATA_ROOT',
  'RAY_ADDRESS',
] as const;

/** Parses the environment once per cold start; a bad value fails naming its variable. */
export const parseLambdaConfig = (env: Record<string, string | undefined> = process.env): LambdaConfig => {
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = LambdaConfigSchema.safeParse(set);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid Lambda configuration: ${problems}`);
  }
  return Object.freeze({ aws: loadAwsConfig(env), edge: parseConfig(env), lambda: Object.freeze(parsed.data) });
};
