import type { RayJobs } from '@dataset-profiler/core';
import { z } from 'zod';
import { HttpRayJobs } from './HttpRayJobs.js';
import { LocalRayJobs, type LocalRayJobsOptions } from './LocalRayJobs.js';

/** Ray settings from the environment, shared by every composition root. Documented in the README. */
const defaults = {
  RAY_REQUEST_TIMEOUT_MS: 5_000,
  RAY_RETRY_BUDGET_MS: 10_000,
  RAY_ENTRYPOINT_NUM_CPUS: 1,
  RAY_ENTRYPOINT_MEMORY: 0,
} as const;

/** `Name: value`, sent with every call (a proxy's API key, say). */
const HEADER = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):\s*(.+)$/;

/** Spread into a composition root's z.object so one parse reads everything. */
export const rayConfigShape = {
  /** The Ray dashboard (Jobs API), e.g. http://127.0.0.1:8265; unset = the embedded local runner. */
  RAY_ADDRESS: z.preprocess((value) => (value === '' ? undefined : value), z.url({ protocol: /^https?$/ }).optional()),
  RAY_AUTH_TOKEN: z.string().min(1).optional(),
  RAY_EXTRA_HEADER: z.string().regex(HEADER, 'must be "Name: value"').optional(),
  RAY_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(defaults.RAY_REQUEST_TIMEOUT_MS),
  RAY_RETRY_BUDGET_MS: z.coerce.number().int().min(0).default(defaults.RAY_RETRY_BUDGET_MS),
  RAY_ENTRYPOINT_NUM_CPUS: z.coerce.number().min(0).default(defaults.RAY_ENTRYPOINT_NUM_CPUS),
  RAY_ENTRYPOINT_MEMORY: z.coerce.number().int().min(0).default(defaults.RAY_ENTRYPOINT_MEMORY),
  /** The command a Ray node runs for a profile job; default: this machine's node and bundle (one-machine clusters). */
  RAY_JOB_ENTRYPOINT: z.string().min(1).optional(),
  /** A local folder uploaded as the jobs' working_dir, or a URI Ray fetches (gcs://, https://…zip, s3://). */
  RAY_WORKING_DIR: z.string().min(1).optional(),
};

export type RayConfig = z.infer<z.ZodObject<typeof rayConfigShape>>;

export type ClosableRayJobs = RayJobs & { close(): Promise<void> };

const headersOf = (config: RayConfig): Record<string, string> => {
  const headers: Record<string, string> = {};
  if (config.RAY_AUTH_TOKEN) headers.authorization = `Bearer ${config.RAY_AUTH_TOKEN}`;
  const extra = config.RAY_EXTRA_HEADER?.match(HEADER);
  if (extra) headers[extra[1]!.toLowerCase()] = extra[2]!;
  return headers;
};

/**
 * The RayJobs a composition root uses: HttpRayJobs when RAY_ADDRESS is set, otherwise the local runner
 * (only where the root offers one; the AWS root has no local runner and needs RAY_ADDRESS).
 */
export const createRayJobs = (config: RayConfig, fallback: { local?: LocalRayJobsOptions } = {}): ClosableRayJobs => {
  if (config.RAY_ADDRESS) {
    return new HttpRayJobs({
      baseUrl: config.RAY_ADDRESS,
      headers: headersOf(config),
      requestTimeoutMs: config.RAY_REQUEST_TIMEOUT_MS,
      retryBudgetMs: config.RAY_RETRY_BUDGET_MS,
      entrypointNumCpus: config.RAY_ENTRYPOINT_NUM_CPUS,
      entrypointMemoryBytes: config.RAY_ENTRYPOINT_MEMORY,
      ...(config.RAY_WORKING_DIR ? { workingDir: config.RAY_WORKING_DIR } : {}),
    });
  }
  if (fallback.local) return new LocalRayJobs(fallback.local);
  throw new Error('Invalid configuration: RAY_ADDRESS: required (the URL of the Ray dashboard, e.g. http://host:8265)');
};
