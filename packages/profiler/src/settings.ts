import { availableParallelism } from 'node:os';
import type { ProfileOptions } from './api.js';

/** Options with every default filled in once, at the entry points. */
export interface ProfileSettings {
  concurrency: number;
  now: () => Date;
}

export function settingsOf(options: ProfileOptions): ProfileSettings {
  const concurrency = options.concurrency ?? availableParallelism();
  return {
    concurrency: Number.isInteger(concurrency) && concurrency > 0 ? concurrency : 1,
    now: options.now ?? (() => new Date()),
  };
}
