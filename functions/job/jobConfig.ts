import { readFileSync } from 'node:fs';
import type { DatabaseTls, FileLimitOptions } from '@dataset-profiler/profiler';
import { z } from 'zod';
import type { DatabaseCredentials } from './CroissantProfiler.js';

/**
 * The profile job's own settings, beyond the local stack's: where it reads its job, the database
 * credentials and how databases are queried. The credentials are a JSON object keyed by
 * `host:port/database`, each `{"user", "password"}`, given in DB_CREDENTIALS or kept in the Secrets
 * Manager secret DB_CREDENTIALS_SECRET_ARN names (AWS only). A bad value fails naming the variable,
 * never echoing it: it holds passwords.
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

const JobEnvSchema = z
  .object({
    JOB_ID: z.string().min(1),
    DB_CREDENTIALS: credentialsSchema.optional(),
    DB_CREDENTIALS_SECRET_ARN: z.string().min(1).optional(),
    DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(60_000),
    DB_SAMPLE_ABOVE_ROWS: z.coerce.number().int().min(1).default(10_000_000),
    /** As libpq's sslmode: `disable` (plain TCP), `require` (encrypted, unchecked), `verify-full` (CA and host name checked). */
    DB_SSL: z.enum(['disable', 'require', 'verify-full']).default('disable'),
    /** PEM file of the CA(s) `verify-full` trusts instead of the system's. */
    DB_SSL_CA_FILE: z.string().min(1).optional(),
    // Per-file limits; unset ones keep the profiler's defaults (README, "Per-file limits").
    PROFILE_FILE_TIMEOUT_MS: z.coerce.number().int().min(100).optional(),
    PROFILE_READER_HEAP_MB: z.coerce.number().int().min(16).optional(),
    PROFILE_TABULAR_MEMORY_MB: z.coerce.number().int().min(16).optional(),
    PROFILE_MAX_DECOMPRESSED_MB: z.coerce.number().int().min(1).optional(),
    PROFILE_JSON_MAX_DEPTH: z.coerce.number().int().min(1).optional(),
  })
  .refine((e) => !(e.DB_CREDENTIALS && e.DB_CREDENTIALS_SECRET_ARN), {
    message: 'set DB_CREDENTIALS or DB_CREDENTIALS_SECRET_ARN, not both',
    path: ['DB_CREDENTIALS_SECRET_ARN'],
  })
  .refine((e) => !e.DB_SSL_CA_FILE || e.DB_SSL === 'verify-full', {
    message: 'a CA file is only used with DB_SSL=verify-full',
    path: ['DB_SSL_CA_FILE'],
  });

/** Where the job's database credentials are: in its environment, or in a secret it reads when a request names a database. */
export type CredentialsSetting = { credentials: DatabaseCredentials } | { secretArn: string };

export interface JobConfig {
  jobId: string;
  credentials: CredentialsSetting;
  database: { statementTimeoutMs: number; sampleAboveRows: number; tls?: DatabaseTls };
  limits: FileLimitOptions;
}

const readCaFile = (path: string): string => {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Invalid configuration: DB_SSL_CA_FILE: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
};

const withTls = (tls: DatabaseTls | undefined) => (tls ? { tls } : {});

const tlsOf = (mode: 'disable' | 'require' | 'verify-full', caFile: string | undefined): DatabaseTls | undefined =>
  mode === 'disable' ? undefined : { mode, ...(caFile ? { ca: readCaFile(caFile) } : {}) };

export const parseJobConfig = (env: Record<string, string | undefined> = process.env): JobConfig => {
  const parsed = JobEnvSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  if (!parsed.success) {
    throw new Error(`Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const e = parsed.data;
  return {
    jobId: e.JOB_ID,
    credentials: e.DB_CREDENTIALS_SECRET_ARN ? { secretArn: e.DB_CREDENTIALS_SECRET_ARN } : { credentials: e.DB_CREDENTIALS ?? new Map() },
    database: { statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS, sampleAboveRows: e.DB_SAMPLE_ABOVE_ROWS, ...withTls(tlsOf(e.DB_SSL, e.DB_SSL_CA_FILE)) },
    limits: {
      fileTimeoutMs: e.PROFILE_FILE_TIMEOUT_MS,
      readerHeapMb: e.PROFILE_READER_HEAP_MB,
      tabularMemoryMb: e.PROFILE_TABULAR_MEMORY_MB,
      decompressedBytes: e.PROFILE_MAX_DECOMPRESSED_MB === undefined ? undefined : e.PROFILE_MAX_DECOMPRESSED_MB * 1024 * 1024,
      jsonDepth: e.PROFILE_JSON_MAX_DEPTH,
    },
  };
};

/** A store of secrets by name or ARN (Secrets Manager on AWS: SecretsManagerSecrets, which caches per process). */
export interface SecretStrings {
  secretString(secretId: string): Promise<string>;
}

/**
 * The credentials as the profiler asks for them: from the environment at once, or from the secret,
 * parsed as DB_CREDENTIALS is. Errors name the secret and what is wrong with it, never its content.
 */
export const credentialsFrom = (setting: CredentialsSetting, secrets: SecretStrings | undefined) => async (): Promise<DatabaseCredentials> => {
  if ('credentials' in setting) return setting.credentials;
  const { secretArn } = setting;
  if (!secrets) throw new Error('DB_CREDENTIALS_SECRET_ARN: this flavour reads no secrets (Secrets Manager needs PROFILER_BACKEND=aws)');
  let text: string;
  try {
    text = await secrets.secretString(secretArn);
  } catch (error) {
    throw new Error(`DB_CREDENTIALS_SECRET_ARN: ${(error as Error).message}`, { cause: error });
  }
  const parsed = credentialsSchema.safeParse(text);
  if (!parsed.success) throw new Error(`DB_CREDENTIALS_SECRET_ARN: secret '${secretArn}' ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  return parsed.data;
};
