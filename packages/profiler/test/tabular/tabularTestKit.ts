/** Helpers for the tabular tests: temp files, and reference statistics computed independently in plain JS. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { loadDelimited } from '../../src/tabular/csvLoader.js';
import { closeConnection, openConnection } from '../../src/tabular/engine.js';
import type { ColumnProfile, TableProfile } from '../../src/tabular/index.js';
import type { LoadedTable } from '../../src/tabular/loadedTable.js';

export interface TempDir { path: (name: string) => string; write: (name: string, content: string | Buffer) => string; remove: () => void }

export function tempDir(): TempDir {
  const dir = mkdtempSync(join(tmpdir(), 'tabular-test-'));
  return {
    path: (name) => join(dir, name),
    write: (name, content) => {
      const file = join(dir, name);
      writeFileSync(file, content);
      return file;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** numpy.quantile(method='linear'): sort, then interpolate between the closest ranks. */
export function numpyQuantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

/** Two-pass sample variance (n - 1). */
export function sampleVariance(values: readonly number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return values.reduce((a, x) => a + (x - mean) ** 2, 0) / (values.length - 1);
}

export function column(profile: TableProfile, name: string): ColumnProfile {
  const found = profile.columns.find((c) => c.name === name);
  if (!found) throw new Error(`no column ${name} in ${profile.columns.map((c) => c.name).join(', ')}`);
  return found;
}

export function expectClose(actual: number | string | null | undefined, expected: number, relative = 1e-9): void {
  expect(typeof actual).toBe('number');
  const tolerance = Math.max(Math.abs(expected) * relative, 1e-12);
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(tolerance);
}

/** The profile must be plain JSON: no NaN, Infinity, bigint or undefined survive a round trip. */
export function expectJsonSafe(profile: TableProfile): void {
  const text = JSON.stringify(profile, (_key, value: unknown) => {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`non-finite number ${value}`);
    if (typeof value === 'bigint') throw new Error('bigint in profile');
    return value;
  });
  expect(JSON.parse(text)).toEqual(profile);
}

export function csv(rows: readonly (readonly (string | number)[])[]): string {
  return rows.map((r) => r.join(',')).join('\n') + '\n';
}

/** How loadDelimited stores `file` (its tables are dropped again): for tests of the storage itself. */
export async function loadedShape(file: string): Promise<LoadedTable> {
  const connection = await openConnection();
  try {
    const loaded = await loadDelimited(connection, file);
    await loaded.dispose?.();
    return loaded;
  } finally {
    await closeConnection(connection);
  }
}
