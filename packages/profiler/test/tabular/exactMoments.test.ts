/**
 * Mean, variance and standard deviation are exact (the double nearest to the true value) and the
 * same on every run, whatever order parallel threads sum in. Expectations are checked against
 * BigInt arithmetic on the exact binary values of the doubles, independently of the engine's code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ratioToDouble, sqrtRatioToDouble } from '../../src/tabular/exactDouble.js';
import { closeTabularEngine, profileTable, type ColumnStatistics, type TableProfile } from '../../src/tabular/index.js';
import { column, expectJsonSafe, tempDir, type TempDir } from './tabularTestKit.js';

let dir: TempDir;
beforeAll(() => { dir = tempDir(); });
afterAll(async () => { dir.remove(); await closeTabularEngine(); });

/** Every finite double is an integer multiple of 2^-1074: x · 2^1074 exactly. */
const SHIFT = 1074n;
function scaled(x: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const exponent = bits >> 52n;
  const mantissa = bits & ((1n << 52n) - 1n);
  const magnitude = exponent === 0n ? mantissa : (mantissa | (1n << 52n)) << (exponent - 1n);
  return x < 0 ? -magnitude : magnitude;
}

/** The neighbouring doubles of a non-negative double, as scaled integers. */
function neighbours(x: number): [bigint, bigint] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const at = (b: bigint): bigint => { view.setBigUint64(0, b); return scaled(view.getFloat64(0)); };
  return [x === 0 ? -1n : at(bits - 1n), at(bits + 1n)];
}

/** x is a double nearest to num/den (den > 0): no neighbour is closer. */
function expectNearest(x: number | null, num: bigint, den: bigint): void {
  expect(typeof x).toBe('number');
  const flip = num < 0n;
  const value = flip ? -(x as number) : (x as number);
  const target = (flip ? -num : num) << SHIFT;
  const distance = (a: bigint): bigint => { const d = a * den - target; return d < 0n ? -d : d; };
  const own = distance(scaled(value));
  for (const n of neighbours(value)) expect(own <= distance(n)).toBe(true);
}

/** x is a double nearest to sqrt(num/den): the squared midpoints to its neighbours enclose num/den. */
function expectNearestSqrt(x: number | null, num: bigint, den: bigint): void {
  expect(typeof x).toBe('number');
  const a = scaled(x as number);
  const [below, above] = neighbours(x as number);
  // midpoint m = (a + b) / 2^1075; m² ≤ num/den  ⇔  (a + b)² · den ≤ num · 2^2150
  const limit = num << (2n * SHIFT + 2n);
  expect((a + below) ** 2n * den <= limit).toBe(true);
  expect((a + above) ** 2n * den >= limit).toBe(true);
}

/** Asserts mean, variance and standard deviation against exact BigInt sums. */
function expectExactMoments(s: ColumnStatistics, values: readonly number[]): void {
  const n = BigInt(values.length);
  const s1 = values.reduce((sum, x) => sum + scaled(x), 0n);
  const s2 = values.reduce((sum, x) => sum + scaled(x) ** 2n, 0n);
  expectNearest(s.mean, s1, n << SHIFT);
  const spread = n * s2 - s1 * s1;
  const scale = (n * (n - 1n)) << (2n * SHIFT);
  expectNearest(s.variance, spread, scale);
  expectNearestSqrt(s.standardDeviation, spread, scale);
  expect(s.approximate).toBeUndefined();
}

function withoutTimestamps(profile: TableProfile): string {
  return JSON.stringify(profile, (key, value: unknown) => (key === 'generatedAt' ? undefined : value));
}

describe('exact rounding of rationals', () => {
  it('rounds to nearest, ties to even, subnormals and overflow included', () => {
    expect(ratioToDouble(1n, 3n)).toBe(1 / 3);
    expect(ratioToDouble(-1n, 10n)).toBe(-0.1);
    expect(ratioToDouble(2n ** 53n + 1n, 1n)).toBe(2 ** 53);
    expect(ratioToDouble(2n ** 53n + 3n, 1n)).toBe(2 ** 53 + 4);
    expect(ratioToDouble(1n, 2n ** 1074n)).toBe(5e-324);
    expect(ratioToDouble(3n, 2n ** 1075n)).toBe(2 * 5e-324);
    expect(ratioToDouble(10n ** 309n, 1n)).toBeNull();
    expect(sqrtRatioToDouble(2n, 1n)).toBe(Math.SQRT2);
    expect(sqrtRatioToDouble(10n ** 600n, 1n)).toBe(1e300);
  });
});

describe('moments whose floating sums depend on the order', () => {
  // 1e16 + 1 - 1e16 is 0 or 1 depending on the order; 300,000 rows span several row groups, which
  // DuckDB's threads aggregate in varying order.
  const pattern = [1e16, 1, -1e16, 0.1, 2.5, -3.75e-3, 123456.789, 0.001];
  const bigIntegers = [9007199254740991, 9007199254740990, -9007199254740991, 3, 9007199254740000];
  const rows = 300_000;
  const floats = Array.from({ length: rows }, (_, i) => pattern[i % pattern.length]!);
  const integers = Array.from({ length: rows }, (_, i) => bigIntegers[i % bigIntegers.length]!);
  let first: TableProfile;
  let second: TableProfile;
  beforeAll(async () => {
    const lines = floats.map((f, i) => `${f},${integers[i]}`);
    const path = dir.write('order.csv', `f,i\n${lines.join('\n')}\n`);
    first = await profileTable({ kind: 'delimited', path });
    second = await profileTable({ kind: 'delimited', path });
  }, 60_000);

  it('gives the same profile on every run', () => {
    expect(withoutTimestamps(second)).toBe(withoutTimestamps(first));
    expectJsonSafe(first);
  });

  it('gives the float column the exact mean, variance and standard deviation', () => {
    expect(column(first, 'f').dataType).toBe('sc:Float');
    expectExactMoments(column(first, 'f').statistics, floats);
  });

  it('gives integers near 2^53 the exact moments, though their double sum loses precision', () => {
    expect(column(first, 'i').dataType).toBe('sc:Integer');
    expect(integers.reduce((a, b) => a + b, 0)).not.toBe(Number(integers.reduce((a, b) => a + BigInt(b), 0n)));
    expectExactMoments(column(first, 'i').statistics, integers);
  });
});

describe('values around ±1.5e300', () => {
  const values = [1.5e300, -1.5e300, 1.4e300, -1.2e300, 1.5e300, 1.3e300];
  let s: ColumnStatistics;
  beforeAll(async () => {
    const path = dir.write('huge.csv', `x,y\n${values.map((x, i) => `${x},${i}`).join('\n')}\n`);
    const profile = await profileTable({ kind: 'delimited', path });
    expectJsonSafe(profile);
    s = column(profile, 'x').statistics;
  });

  it('profiles the column: exact mean and standard deviation, a variance beyond the double range is null', () => {
    expect([s.min, s.max, s.range, s.valueCount]).toEqual([-1.5e300, 1.5e300, 3e300, values.length]);
    const n = BigInt(values.length);
    const s1 = values.reduce((sum, x) => sum + scaled(x), 0n);
    const s2 = values.reduce((sum, x) => sum + scaled(x) ** 2n, 0n);
    expectNearest(s.mean, s1, n << SHIFT);
    expect(s.variance).toBeNull();
    expectNearestSqrt(s.standardDeviation, n * s2 - s1 * s1, (n * (n - 1n)) << (2n * SHIFT));
    expect(s.approximate).toBeUndefined();
  });
});

describe('magnitudes spanning more than the exact range (about 2^69)', () => {
  it('rounds the smallest values to a common step, deterministically, and says so', async () => {
    const path = dir.write('wide.csv', `x\n${[1e16, 1e-7, -1e16, 3, 1e-9].join('\n')}\n`);
    const [a, b] = [await profileTable({ kind: 'delimited', path }), await profileTable({ kind: 'delimited', path })];
    const s = column(a, 'x').statistics;
    expect(s.approximate).toEqual(['mean', 'variance', 'standardDeviation']);
    expect(s.mean).toBeCloseTo((3 + 1e-7 + 1e-9) / 5, 15);
    expect(withoutTimestamps(b)).toBe(withoutTimestamps(a));
  });
});
