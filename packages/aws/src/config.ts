import { z } from 'zod';

/** Every setting of the AWS flavour, from the environment, with its default. Documented in the README ("AWS"). */
export const awsDefaults = {
  AWS_REGION: 'us-east-1',
  JOBS_TABLE: 'dataset-profiler-jobs',
  REQUESTS_QUEUE: 'dataset-profiler-requests',
  REQUESTS_DLQ: 'dataset-profiler-requests-dlq',
  EVENTS_QUEUE: 'dataset-profiler-events',
  EVENTS_DLQ: 'dataset-profiler-events-dlq',
  PROFILES_BUCKET: 'dataset-profiler-profiles',
  REQUEST_VISIBILITY_TIMEOUT_S: 60,
  EVENT_VISIBILITY_TIMEOUT_S: 30,
  MAX_RECEIVES: 5,
  CIRCUIT_FAILURE_THRESHOLD: 3,
  CIRCUIT_COOL_DOWN_MS: 30_000,
  FINAL_JOB_TTL_DAYS: 90,
  CLEANED_UP_TTL_DAYS: 7,
  PROFILE_LINK_TTL_S: 900,
} as const;

const int = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);
const name = (fallback: string) => z.string().min(1).default(fallback);
const flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

const AwsConfigSchema = z
  .object({
    AWS_REGION: name(awsDefaults.AWS_REGION),
    /** An emulator (moto, LocalStack…): every client is pointed at it, S3 with path-style URLs. */
    AWS_ENDPOINT_URL: z.url().optional(),
    /** Create missing tables, queues and buckets at start-up: emulators and first runs, never in Lambda. */
    AWS_BOOTSTRAP: flag.default(false),
    JOBS_TABLE: name(awsDefaults.JOBS_TABLE),
    // A queue is named by its name or its URL (SST links hand out URLs).
    REQUESTS_QUEUE: name(awsDefaults.REQUESTS_QUEUE),
    REQUESTS_DLQ: name(awsDefaults.REQUESTS_DLQ),
    EVENTS_QUEUE: name(awsDefaults.EVENTS_QUEUE),
    EVENTS_DLQ: name(awsDefaults.EVENTS_DLQ),
    PROFILES_BUCKET: name(awsDefaults.PROFILES_BUCKET),
    REQUEST_VISIBILITY_TIMEOUT_S: int(awsDefaults.REQUEST_VISIBILITY_TIMEOUT_S, 1),
    EVENT_VISIBILITY_TIMEOUT_S: int(awsDefaults.EVENT_VISIBILITY_TIMEOUT_S, 1),
    MAX_RECEIVES: int(awsDefaults.MAX_RECEIVES, 1),
    CIRCUIT_FAILURE_THRESHOLD: int(awsDefaults.CIRCUIT_FAILURE_THRESHOLD, 1),
    CIRCUIT_COOL_DOWN_MS: int(awsDefaults.CIRCUIT_COOL_DOWN_MS, 100),
    FINAL_JOB_TTL_DAYS: int(awsDefaults.FINAL_JOB_TTL_DAYS, 1),
    CLEANED_UP_TTL_DAYS: int(awsDefaults.CLEANED_UP_TTL_DAYS, 1),
    PROFILE_LINK_TTL_S: int(awsDefaults.PROFILE_LINK_TTL_S, 60).pipe(z.number().max(604_800)),
  })
  .refine((c) => c.CIRCUIT_FAILURE_THRESHOLD < c.MAX_RECEIVES, {
    message: 'must be below MAX_RECEIVES, or a runner outage dead-letters requests before the circuit opens',
    path: ['CIRCUIT_FAILURE_THRESHOLD'],
  });

export type AwsConfig = Readonly<z.infer<typeof AwsConfigSchema>>;

/** Parses the environment once; a bad value fails naming its variable. Empty values count as unset. */
export const loadAwsConfig = (env: Record<string, string | undefined> = process.env): AwsConfig => {
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = AwsConfigSchema.safeParse(set);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid AWS configuration: ${problems}`);
  }
  return Object.freeze(parsed.data);
};
