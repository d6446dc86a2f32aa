/**
 * A table whose load runs out of DuckDB memory (each reading thread builds a row group of all its
 * columns at once) is loaded again in parts of half its columns, with the same statistics. Its own
 * test file, so the engine starts with the small limit.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTabularEngine, columnsPerLoad, configureTabularEngine } from '../../src/tabular/engine.js';
import { profileTable } from '../../src/tabular/index.js';
import { column, loadedShape, tempDir } from './tabularTestKit.js';

const COLUMNS = 40;
const ROWS = 160_000;
const dir = tempDir();
const file = dir.path('forty.csv');
const value = (row: number, col: number): number => Number((BigInt(row) * BigInt(col + 7) * 2654435761n) % 100_000n);

beforeAll(async () => {
  configureTabularEngine({ memoryLimitMb: 80 });
  const out = createWriteStream(file);
  out.write(`${Array.from({ length: COLUMNS }, (_, c) => `c${c}`).join(',')}\n`);
  for (let row = 0; row < ROWS; row += 1) {
    if (!out.write(`${Array.from({ length: COLUMNS }, (_, c) => value(row, c)).join(',')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
});
afterAll(async () => {
  await closeTabularEngine();
  dir.remove();
});

describe('columnsPerLoad', () => {
  it('loads a file of up to twice the memory limit whole, and a larger one in parts of few enough columns', () => {
    expect(columnsPerLoad(160 * 2 ** 20)).toBe(Number.POSITIVE_INFINITY);
    const perLoad = columnsPerLoad(2 ** 30);
    expect(perLoad).toBeGreaterThanOrEqual(1);
    expect(perLoad).toBeLessThan(COLUMNS);
  });
});

describe('a load that runs out of memory', () => {
  it('is loaded again in parts of fewer columns', async () => {
    const loaded = await loadedShape(file);
    expect(loaded.parts.length).toBeGreaterThan(1);
    expect(loaded.parts.flatMap((part) => part.indexes)).toEqual(Array.from({ length: COLUMNS }, (_, c) => c));
    expect(loaded.rowCount).toBe(ROWS);
  });

  it('gives every column its statistics, samples and examples', async () => {
    const profile = await profileTable({ kind: 'delimited', path: file });
    expect(profile.columns).toHaveLength(COLUMNS);
    for (const c of [0, COLUMNS / 2, COLUMNS - 1]) {
      const values = Array.from({ length: ROWS }, (_, row) => value(row, c));
      const { statistics, sample, dataType } = column(profile, `c${c}`);
      expect(dataType).toBe('sc:Integer');
      expect(statistics).toMatchObject({
        valueCount: ROWS, uniqueCount: new Set(values).size,
        min: values.reduce((a, b) => Math.min(a, b)), max: values.reduce((a, b) => Math.max(a, b)), mean: values.reduce((a, b) => a + b, 0) / ROWS,
      });
      expect(sample).toEqual([...new Set(values)].slice(0, 10));
    }
    expect(profile.examples[3]).toEqual(Object.fromEntries(Array.from({ length: COLUMNS }, (_, c) => [`c${c}`, value(3, c)])));
  });
});
