import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, it } from 'vitest';

/** A case of a contract suite that one implementation may skip, with the reason (and issue) why. */
export interface SkippedCase {
  test: string;
  reason: string;
}

/** Like `it`, except that the cases an implementation lists in `skip` are reported as skipped. */
export const caseRunner =
  (skip: readonly SkippedCase[] = []) =>
  (name: string, body: () => Promise<void>, timeoutMs?: number): void => {
    const run = skip.some((entry) => entry.test === name) ? it.skip : it;
    run(name, body, timeoutMs);
  };

/**
 * Makes a fresh instance before each case and cleans it up after; the suite reads it through the
 * returned getter.
 */
export const freshEach = <T extends { cleanup?: () => Promise<void> }>(make: () => Promise<T>): (() => T) => {
  let current: T | undefined;
  beforeEach(async () => {
    current = await make();
  });
  afterEach(async () => {
    await current?.cleanup?.();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('the contract subject is only available inside a test');
    return current;
  };
};

/** Polls `probe` until `done` holds for its value, or fails after `timeoutMs` with the last value. */
export const eventually = async <T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5_000, intervalMs = 25): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
};

/** A new empty directory under the OS temp dir, and how to remove it. */
export const makeTempDir = async (prefix: string): Promise<{ dir: string; remove: () => Promise<void> }> => {
  const dir = await mkdtemp(join(tmpdir(), `${prefix}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
};
