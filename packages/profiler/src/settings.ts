import { availableParallelism } from 'node:os';
import type { ProfileOptions } from './api.js';
import { DEFAULT_DATABASE_SETTINGS, type DatabaseSettings } from './database/connection.js';
import { DEFAULT_FILE_LIMITS, type FileLimits } from './limits/fileLimits.js';

/** Options with every default filled in once, at the entry points. */
export interface ProfileSettings {
  concurrency: number;
  now: () => Date;
  database: DatabaseSettings;
  limits: FileLimits;
}

export function settingsOf(options: ProfileOptions): ProfileSettings {
  const concurrency = options.concurrency ?? availableParallelism();
  return {
    concurrency: Number.isInteger(concurrency) && concurrency > 0 ? concurrency : 1,
    now: options.now ?? (() => new Date()),
    database: { ...DEFAULT_DATABASE_SETTINGS, ...definedOnly(options.database ?? {}) },
    limits: { ...DEFAULT_FILE_LIMITS, ...definedOnly(options.limits ?? {}) },
  };
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
