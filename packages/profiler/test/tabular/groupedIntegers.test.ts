/**
 * Integer columns of few distinct values take the grouped path (groupedIntegers.ts). On a table
 * above the in-memory quantile limit (1 M rows) every statistic must still equal the answer
 * computed here in plain JS: small integers (range under 2^20) and MMDDhhmm date codes (a range of
 * 11 M but few distinct values).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTabularEngine, profileTable, type ColumnStatistics, type TableProfile } from '../../src/tabular/index.js';
import { column, expectClose, numpyQuantile, tempDir, type TempDir } from './tabularTestKit.js';

let dir: TempDir;
beforeAll(() => { dir = tempDir(); });
afterAll(async () => { dir.remove(); await closeTabularEngine(); });

const ROWS = 1_100_000;

function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

interface Columns { delay: number[]; code: number[] }

function generate(): { text: string; columns: Columns } {
  const rnd = lcg(3);
  const columns: Columns = { delay: [], code: [] };
  const lines = ['delay,code'];
  for (let i = 0; i < ROWS; i += 1) {
    const delay = Math.round(-15 + rnd() ** 4 * 400);
    const code = (1 + Math.floor(rnd() * 12)) * 1e6 + (1 + Math.floor(rnd() * 28)) * 1e4 + Math.floor(rnd() * 24) * 100 + 5 * Math.floor(rnd() * 12);
    columns.delay.push(delay);
    columns.code.push(code);
    lines.push(`${delay},${code}`);
  }
  return { text: `${lines.join('\n')}\n`, columns };
}

/** Bins as the profile prints them: the first closed, the others (lo, hi]. */
function binCounts(values: readonly number[], ranges: [number, number][]): number[] {
  const counts = ranges.map(() => 0);
  for (const v of values) {
    const bin = ranges.findIndex(([lo, hi], i) => (i === 0 ? v >= lo : v > lo) && v <= hi);
    if (bin >= 0) counts[bin]! += 1;
  }
  return counts;
}

function expectExact(s: ColumnStatistics, values: number[]): void {
  const sorted = [...values].sort((a, b) => a - b);
  const n = values.length;
  const sum = values.reduce((a, b) => a + BigInt(b), 0n);
  const mean = Number(sum) / n;
  const squares = values.reduce((a, b) => a + BigInt(b) * BigInt(b), 0n);
  const variance = Number(BigInt(n) * squares - sum * sum) / (n * (n - 1));
  expect([s.valueCount, s.min, s.max, s.uniqueCount]).toEqual([n, sorted[0], sorted.at(-1), new Set(values).size]);
  expectClose(s.mean, mean, 1e-15);
  expectClose(s.variance, variance, 1e-12);
  expect([s.percentile05, s.median, s.percentile95]).toEqual([0.05, 0.5, 0.95].map((q) => numpyQuantile(sorted, q)));
  const bins = JSON.parse(s.histogram!) as { binRange: [number, number]; count: number }[];
  expect(bins.map((b) => b.count)).toEqual(binCounts(values, bins.map((b) => b.binRange)));
  expect(bins[0]!.binRange[0]).toBe(sorted[0]);
  expect(bins.at(-1)!.binRange[1]).toBe(sorted.at(-1));
}

describe(`integer columns of few distinct values in ${ROWS.toLocaleString('en')} rows`, () => {
  let columns: Columns;
  let profile: TableProfile;
  beforeAll(async () => {
    const generated = generate();
    columns = generated.columns;
    profile = await profileTable({ kind: 'delimited', path: dir.write('flights.csv', generated.text) });
  }, 120_000);

  it('gives small integers their exact statistics', () => {
    expect(column(profile, 'delay').dataType).toBe('sc:Integer');
    expectExact(column(profile, 'delay').statistics, columns.delay);
  });

  it('gives MMDDhhmm date codes their exact statistics', () => {
    expect(column(profile, 'code').dataType).toBe('sc:Integer');
    expectExact(column(profile, 'code').statistics, columns.code);
  });
});
