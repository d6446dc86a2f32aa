import { z } from 'zod';
import type { FileLimitOptions } from '@dataset-profiler/profiler';
import type { DatabaseCredentials } from './CroissantProfiler.js';

/**
 * The profile job's own settings, beyond the local stack's: where it reads its job, the database
 * credentials (DB_CREDENTIALS: a JSON object keyed by `host:port/database`, each `{"user",
 * "password"}`) and how databases are queried. A bad value fails naming the variable, never
 * echoing it: it holds passwords.
 */
const CredentialSchema = z.strictObject({ user: z.string().min(1), password: z.string() });

const credentialsSchema = z.string().transform((text, ctx) => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'is not valid JSON' });
    return z.NEVER;
  }
  const result = z.record(z.string().regex(/^.+:\d+\/.+$/, 'keys are host:port/database'), CredentialSchema).safeParse(parsed);
  if (!result.success) {
    ctx.addIssue({ code: 'custom', message: `must map host:port/database to {"user", "password"} (${result.error.issues.map((i) => i.path.slice(1).join('.') || i.message).join(', ')})` });
    return z.NEVER;
  }
  return new Map(Object.entries(result.data)) as DatabaseCredentials;
});

const JobEnvSchema = z.object({
  JOB_ID: z.string().min(1),
  DB_CREDENTIALS: credentialsSchema.optional(),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(60_000),
  DB_SAMPLE_ABOVE_ROWS: z.coerce.number().int().min(1).default(10_000_000),
  // Per-file limits; unset ones keep the profiler's defaults (README, "Per-file limits").
  PROFILE_FILE_TIMEOUT_MS: z.coerce.number().int().min(100).optional(),
  PROFILE_READER_HEAP_MB: z.coerce.number().int().min(16).optional(),
  PROFILE_TABULAR_MEMORY_MB: z.coerce.number().int().min(16).optional(),
  PROFILE_MAX_DECOMPRESSED_MB: z.coerce.number().int().min(1).optional(),
  PROFILE_JSON_MAX_DEPTH: z.coerce.number().int().min(1).optional(),
});

export interface JobConfig {
  jobId: string;
  credentials: DatabaseCredentials;
  database: { statementTimeoutMs: number; sampleAboveRows: number };
  limits: FileLimitOptions;
}

export const parseJobConfig = (env: Record<string, string | undefined> = process.env): JobConfig => {
  const parsed = JobEnvSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  if (!parsed.success) {
    throw new Error(`Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const e = parsed.data;
  return {
    jobId: e.JOB_ID,
    credentials: e.DB_CREDENTIALS ?? new Map(),
    database: { statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS, sampleAboveRows: e.DB_SAMPLE_ABOVE_ROWS },
    limits: {
      fileTimeoutMs: e.PROFILE_FILE_TIMEOUT_MS,
      readerHeapMb: e.PROFILE_READER_HEAP_MB,
      tabularMemoryMb: e.PROFILE_TABULAR_MEMORY_MB,
      decompressedBytes: e.PROFILE_MAX_DECOMPRESSED_MB === undefined ? undefined : e.PROFILE_MAX_DECOMPRESSED_MB * 1024 * 1024,
      jsonDepth: e.PROFILE_JSON_MAX_DEPTH,
    },
  };
};
