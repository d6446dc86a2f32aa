import { parseHostAllowList } from '@dataset-profiler/core';
import { z } from 'zod';

/**
 * The HTTP edge's configuration, parsed once from the environment at cold start. A bad value fails
 * naming the variable. The local stack parses the same schema, so both flavours read one vocabulary.
 */

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** Asymmetric algorithms only: a shared secret has no place in a service that only verifies. */
const JWT_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;

export const configDefaults = {
  LOG_LEVEL: 'info',
  ENABLE_AUTH: false,
  JWT_ALGORITHMS: ['RS256'],
  ALLOWED_CLIENT_IDS: ['airflow'],
} as const;

const csv = z.string().transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean));
/** DB_ALLOWED_HOSTS: names, addresses and CIDRs, each checked here so a typo stops start-up. */
export const allowedHostsSchema = csv.superRefine((entries, ctx) => {
  try {
    parseHostAllowList(entries);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
  }
});
const flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

const EnvSchema = z
  .object({
    LOG_LEVEL: z.enum(LOG_LEVELS).default(configDefaults.LOG_LEVEL),
    ENABLE_AUTH: flag.default(configDefaults.ENABLE_AUTH),
    JWKS_URL: z.url().optional(),
    JWT_PUBLIC_KEY: z.string().includes('BEGIN PUBLIC KEY', 'expected a PEM public key (SPKI)').optional(),
    JWT_ALGORITHMS: csv.pipe(z.array(z.enum(JWT_ALGORITHMS)).min(1)).default([...configDefaults.JWT_ALGORITHMS]),
    JWT_ISSUER: z.string().optional(),
    JWT_AUDIENCE: csv.optional(),
    ALLOWED_CLIENT_IDS: csv.pipe(z.array(z.string()).min(1)).default([...configDefaults.ALLOWED_CLIENT_IDS]),
    DB_ALLOWED_HOSTS: allowedHostsSchema.default([]),
  })
  .refine((env) => !env.ENABLE_AUTH || env.JWKS_URL !== undefined || env.JWT_PUBLIC_KEY !== undefined, {
    message: 'JWKS_URL or JWT_PUBLIC_KEY is required when ENABLE_AUTH=true',
    path: ['JWKS_URL'],
  });

export interface AuthConfig {
  enabled: boolean;
  jwksUrl?: string;
  publicKeyPem?: string;
  algorithms: string[];
  issuer?: string;
  audience?: string[];
  allowedClientIds: string[];
}

export interface Config {
  logLevel: (typeof LOG_LEVELS)[number];
  auth: AuthConfig;
  /** DB_ALLOWED_HOSTS entries (parseHostAllowList accepts every one); empty: the database connector is off. */
  databaseAllowedHosts: string[];
}

export class ConfigError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConfigError';
  }
}

/** Parses the environment (default `process.env`) into a frozen Config; throws ConfigError naming each bad variable. */
export const parseConfig = (env: Record<string, string | undefined> = process.env): Config => {
  const result = EnvSchema.safeParse(withoutBlanks(env));
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${String(issue.path[0] ?? 'environment')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`, { cause: result.error });
  }
  const e = result.data;
  return deepFreeze({
    logLevel: e.LOG_LEVEL,
    auth: {
      enabled: e.ENABLE_AUTH,
      ...(e.JWKS_URL ? { jwksUrl: e.JWKS_URL } : {}),
      ...(e.JWT_PUBLIC_KEY ? { publicKeyPem: e.JWT_PUBLIC_KEY } : {}),
      algorithms: e.JWT_ALGORITHMS,
      ...(e.JWT_ISSUER ? { issuer: e.JWT_ISSUER } : {}),
      ...(e.JWT_AUDIENCE?.length ? { audience: e.JWT_AUDIENCE } : {}),
      allowedClientIds: e.ALLOWED_CLIENT_IDS,
    },
    databaseAllowedHosts: e.DB_ALLOWED_HOSTS,
  });
};

/** An empty variable means "unset" (how shells and .env files usually clear one). */
const withoutBlanks = (env: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== ''));

const deepFreeze = <T extends object>(value: T): T => {
  for (const child of Object.values(value)) if (typeof child === 'object' && child !== null) deepFreeze(child);
  return Object.freeze(value);
};
