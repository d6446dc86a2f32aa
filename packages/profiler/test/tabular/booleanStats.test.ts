/**
 * Boolean statistics come from two counts (booleanStats.ts) rather than the numeric scans: they
 * must equal what the numeric path gives the same values as a 0/1 integer column, both for small
 * tables (quantile_cont) and for large ones (exactQuantiles).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { booleanResult } from '../../src/tabular/booleanStats.js';
import { closeTabularEngine, profileTable } from '../../src/tabular/index.js';
import { column } from './tabularTestKit.js';

afterAll(async () => { await closeTabularEngine(); });

const QUANTILES = [0.05, 0.5, 0.95];
const NUMERIC_FIELDS = ['valueCount', 'missingCount', 'uniqueCount', 'min', 'max', 'mean', 'median', 'variance', 'standardDeviation', 'range', 'percentile05', 'percentile95', 'histogram'] as const;

async function expectSameAsIntegers(values: (boolean | null)[]): Promise<void> {
  const rows = values.map((v) => [v, v === null ? null : Number(v)]);
  const profile = await profileTable({ kind: 'rows', columns: ['b', 'i'], rows });
  expect(column(profile, 'b').dataType).toBe('sc:Boolean');
  expect(column(profile, 'i').dataType).toBe('sc:Integer');
  const pick = (name: string) => Object.fromEntries(NUMERIC_FIELDS.map((f) => [f, column(profile, name).statistics[f]]));
  expect(pick('b')).toEqual(pick('i'));
}

describe('boolean statistics', () => {
  it('equal those of the same values as 0/1 integers', async () => {
    await expectSameAsIntegers([true, false, null, true, true, false, false, null, true, false]);
    await expectSameAsIntegers([true, true, null]);
    await expectSameAsIntegers([false, null, false]);
  });

  it('interpolate quantiles between the last 0 and the first 1 like the numeric path', () => {
    // 10 values, 5 trues: the median's ranks are 4 (a 0) and 5 (a 1).
    expect(booleanResult(10, 5, QUANTILES).quantiles).toEqual([0, 0.5, 1]);
    expect(booleanResult(0, 0, QUANTILES)).toMatchObject({ min: null, max: null, quantiles: [null, null, null], histogram: null });
  });
});
