/** Statistics on generated data, compared with answers computed here in plain JS. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTabularEngine, profileTable, type TableProfile } from '../../src/tabular/index.js';
import { column, expectClose, expectJsonSafe, numpyQuantile, sampleVariance, tempDir, type TempDir } from './tabularTestKit.js';

let dir: TempDir;
beforeAll(() => { dir = tempDir(); });
afterAll(async () => { dir.remove(); await closeTabularEngine(); });

/** Deterministic pseudo-random numbers (an LCG), so the data and the expectations are reproducible. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

interface Generated { ints: (number | null)[]; floats: number[]; flags: boolean[]; words: string[]; text: string }

function generate(rows: number): Generated {
  const rnd = lcg(7);
  const g: Generated = { ints: [], floats: [], flags: [], words: [], text: 'int,float,flag,word,day\n' };
  const words = ['pear', 'apple', 'fig', 'kiwi', 'plum', 'lime', 'date'];
  for (let i = 0; i < rows; i += 1) {
    const int = rnd() < 0.1 ? null : Math.floor(rnd() * 2000) - 1000;
    const float = Number((rnd() ** 3 * 1e4 - 17.25).toFixed(4));
    const flag = rnd() < 0.3;
    const word = words[Math.floor(rnd() * words.length)]!;
    const day = `2024-0${1 + (i % 9)}-1${i % 10}`;
    g.ints.push(int); g.floats.push(float); g.flags.push(flag); g.words.push(word);
    g.text += `${int ?? 'NA'},${float},${flag ? 'True' : 'False'},${word},${day}\n`;
  }
  return g;
}

describe('numeric statistics on 5,000 generated rows', () => {
  let g: Generated;
  let profile: TableProfile;
  beforeAll(async () => {
    g = generate(5000);
    profile = await profileTable({ kind: 'delimited', path: dir.write('numbers.csv', g.text) }, { now: () => new Date('2025-01-02T03:04:05Z') });
  });

  it('types the columns', () => {
    expect(profile.columns.map((c) => c.dataType)).toEqual(['sc:Integer', 'sc:Float', 'sc:Boolean', 'sc:Text', 'sc:Date']);
    expect(profile.rowCount).toBe(5000);
    expectJsonSafe(profile);
  });

  it('matches sort + interpolation quantiles, two-pass variance and exact sums (integers with gaps)', () => {
    const values = g.ints.filter((x): x is number => x !== null);
    const s = column(profile, 'int').statistics;
    expect([s.rowCount, s.valueCount, s.missingCount]).toEqual([5000, values.length, 5000 - values.length]);
    expectClose(s.missingPercentage, (100 * (5000 - values.length)) / 5000);
    expect([s.min, s.max, s.range]).toEqual([Math.min(...values), Math.max(...values), Math.max(...values) - Math.min(...values)]);
    expectClose(s.mean, values.reduce((a, b) => a + b, 0) / values.length, 1e-12);
    expectClose(s.variance, sampleVariance(values));
    expectClose(s.standardDeviation, Math.sqrt(sampleVariance(values)));
    expectClose(s.median, numpyQuantile(values, 0.5));
    expectClose(s.percentile05, numpyQuantile(values, 0.05));
    expectClose(s.percentile95, numpyQuantile(values, 0.95));
    expect(s.uniqueCount).toBe(new Set(values).size);
    expect(s.generatedAt).toBe('2025-01-02T03:04:05.000Z');
  });

  it('computes float statistics and a histogram with exact edges and counts', () => {
    const values = g.floats;
    const s = column(profile, 'float').statistics;
    const [min, max] = [Math.min(...values), Math.max(...values)];
    expect([s.min, s.max]).toEqual([min, max]);
    expectClose(s.mean, values.reduce((a, b) => a + b, 0) / values.length, 1e-12);
    expectClose(s.variance, sampleVariance(values));
    expectClose(s.median, numpyQuantile(values, 0.5));
    expectClose(s.percentile95, numpyQuantile(values, 0.95));
    const bins = JSON.parse(s.histogram!) as { binRange: [number, number]; count: number }[];
    expect(bins).toHaveLength(10);
    expect(bins[0]!.binRange[0]).toBe(min);
    expect(bins[9]!.binRange[1]).toBe(max);
    for (let i = 0; i < 10; i += 1) {
      const [lo, hi] = bins[i]!.binRange;
      if (i > 0) expect(lo).toBe(bins[i - 1]!.binRange[1]);
      expect(Number(hi.toPrecision(12))).toBe(hi);
      const expected = values.filter((v) => (i === 0 ? v >= lo : v > lo) && v <= hi).length;
      expect(bins[i]!.count).toBe(expected);
    }
    expect(bins.reduce((a, b) => a + b.count, 0)).toBe(values.length);
  });

  it('counts booleans as 1/0 for mean and quantiles', () => {
    const ones = g.flags.map((f) => (f ? 1 : 0));
    const s = column(profile, 'flag').statistics;
    expectClose(s.mean, ones.reduce((a: number, b) => a + b, 0) / ones.length, 1e-12);
    expectClose(s.variance, sampleVariance(ones));
    expect([s.min, s.max, s.uniqueCount, s.median]).toEqual([0, 1, 2, numpyQuantile(ones, 0.5)]);
    expect(column(profile, 'flag').sample).toEqual([g.flags[0], !g.flags[0]]);
  });

  it('gives text columns lengths, unique counts and the 5 most frequent values (ties by value)', () => {
    const counts = new Map<string, number>();
    for (const w of g.words) counts.set(w, (counts.get(w) ?? 0) + 1);
    const expected = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 5).map(([value, count]) => ({ value, count }));
    const s = column(profile, 'word').statistics;
    expect(s.mostFrequent).toEqual(expected);
    expect([s.uniqueCount, s.minLength, s.maxLength]).toEqual([7, 3, 5]);
    expect([s.mean, s.median, s.histogram]).toEqual([null, null, null]);
  });

  it('gives dates ISO min/max and first-seen distinct samples', () => {
    const days = Array.from({ length: 5000 }, (_, i) => `2024-0${1 + (i % 9)}-1${i % 10}`);
    const sorted = [...days].sort();
    const day = column(profile, 'day');
    expect([day.statistics.min, day.statistics.max, day.statistics.uniqueCount]).toEqual([sorted[0], sorted.at(-1), new Set(days).size]);
    expect(day.sample).toEqual([...new Set(days)].slice(0, 10));
  });

  it('gives the first 30 rows as examples of JSON values', () => {
    expect(profile.examples).toHaveLength(30);
    expect(profile.examples[0]).toEqual({ int: g.ints[0], float: g.floats[0], flag: g.flags[0], word: g.words[0], day: '2024-01-10' });
  });

  it('gives the same result when profiles run concurrently', async () => {
    const path = dir.path('numbers.csv');
    const now = (): Date => new Date('2025-01-02T03:04:05Z');
    const runs = await Promise.all([1, 2, 3].map(() => profileTable({ kind: 'delimited', path }, { now })));
    for (const run of runs) expect(run).toEqual(profile);
  });

  it('is deterministic apart from generatedAt', async () => {
    const again = await profileTable({ kind: 'delimited', path: dir.path('numbers.csv') }, { now: () => new Date('2025-01-02T03:04:05Z') });
    expect(again).toEqual(profile);
  });
});

describe('small and degenerate columns', () => {
  it('gives a constant column one [v, v] bin, a single value null variance, and a 3-value median exactly', async () => {
    const file = dir.write('small.csv', 'constant,single,three\n5,1.5,1\n5,,2\n5,,3\n');
    const profile = await profileTable({ kind: 'delimited', path: file });
    const constant = column(profile, 'constant').statistics;
    expect(JSON.parse(constant.histogram!)).toEqual([{ binRange: [5, 5], count: 3 }]);
    expect([constant.variance, constant.range, constant.median]).toEqual([0, 0, 5]);
    const single = column(profile, 'single').statistics;
    expect([single.valueCount, single.variance, single.standardDeviation, single.median]).toEqual([1, null, null, 1.5]);
    expect(column(profile, 'three').statistics.median).toBe(2);
    expectJsonSafe(profile);
  });

  it('takes up to 10 distinct samples in file order, even when they appear late', async () => {
    const lines = ['code'];
    for (let i = 0; i < 12_000; i += 1) lines.push(i < 11_000 ? 'x' : `late${i % 20}`);
    const profile = await profileTable({ kind: 'delimited', path: dir.write('late.csv', lines.join('\n')) });
    expect(column(profile, 'code').sample).toEqual(['x', 'late0', 'late1', 'late2', 'late3', 'late4', 'late5', 'late6', 'late7', 'late8']);
  });

  it('reads further only the columns whose first rows hold too few samples, each in file order', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({ id: i, flag: i % 2 === 0, soon: i < 150 ? 'a' : `s${i % 30}`, later: i < 2500 ? 'b' : `l${i % 12}`, few: i % 3 }));
    const lines = ['id,flag,soon,later,few', ...rows.map((r) => `${r.id},${r.flag},${r.soon},${r.later},${r.few}`)];
    const profile = await profileTable({ kind: 'delimited', path: dir.write('prefixes.csv', lines.join('\n')) });
    const firstDistinct = (values: unknown[]): unknown[] => [...new Set(values)].slice(0, 10);
    for (const name of ['id', 'flag', 'soon', 'later', 'few'] as const) {
      expect(column(profile, name).sample).toEqual(firstDistinct(rows.map((r) => r[name])));
    }
  });
});

describe('more than a million rows (streaming exact quantiles)', () => {
  it('matches sort + interpolation on uniform and heavily skewed columns', async () => {
    const rows = 1_200_001;
    const uniform: number[] = [];
    const skewed: number[] = [];
    const lines = ['u,s'];
    for (let i = 0; i < rows; i += 1) {
      const u = ((i * 7919) % 1_000_003) / 8;
      const s = i % 10 === 0 ? i * i : i % 3;
      uniform.push(u);
      skewed.push(s);
      lines.push(`${u},${s}`);
    }
    const profile = await profileTable({ kind: 'delimited', path: dir.write('big.csv', lines.join('\n')) });
    for (const [name, values] of [['u', uniform], ['s', skewed]] as const) {
      const s = column(profile, name).statistics;
      for (const [key, q] of [['median', 0.5], ['percentile05', 0.05], ['percentile95', 0.95]] as const) expectClose(s[key], numpyQuantile(values, q));
      expect(s.uniqueCount).toBe(new Set(values).size);
      expect(s.approximate).toBeUndefined();
    }
  }, 120_000);
});
