/**
 * Long text columns are stored as digests and their values re-read from the file (textDigests.ts):
 * every statistic and the samples must still equal what is computed here from the values.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeTabularEngine } from '../../src/tabular/engine.js';
import { profileTable } from '../../src/tabular/index.js';
import { NULL_LIKE_TOKENS } from '../../src/tabular/missing.js';
import { headSmallestBound } from '../../src/tabular/textDigests.js';
import { column, loadedShape, tempDir } from './tabularTestKit.js';

const dir = tempDir();
afterAll(async () => { await closeTabularEngine(); dir.remove(); });

const long = (i: number, tail = ''): string => `report ${(i * 7919) % 100_003} on item ${i}: ${'lorem ipsum, "dolor" '.repeat(3 + (i % 5))}${tail}`;
/** Repeats with ties, single values, empty fields, tokens, and characters beyond one UTF-16 unit. */
const repeated = (i: number): string => {
  if (i % 13 === 0) return '';
  if (i % 17 === 0) return 'NA';
  if (i % 5 === 0) return long(i % 3, ' Zürich 東京');
  if (i % 7 === 0) return long(100 + (i % 2), ' 🦆🦆');
  return long(i);
};
/** More rows than the head of 20,000 that types are inferred from (small values are bounded in its first MB). */
const ROWS = 24_000;
const HEAD_ROWS = 20_000;
/** All distinct; the smallest values come after the head. */
const distinct = (i: number): string => (i >= HEAD_ROWS + 100 ? `a${long(i)}` : long(i));
/** Fewer than 5 values in the head: its small values cannot be bounded there. */
const sparse = (i: number): string => (i === 10 || i === 11 || i >= HEAD_ROWS - 2 ? long(i, ' sparse') : '');
const quoted = (value: string): string => (value === '' ? '' : `"${value.replaceAll('"', '""')}"`);

function expected(values: string[]) {
  const present = values.filter((v) => v !== '');
  const counts = new Map<string, number>();
  for (const v of present) counts.set(v, (counts.get(v) ?? 0) + 1);
  const lengths = present.map((v) => [...v].length);
  const byValue = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));
  const top = [...counts].sort((a, b) => b[1] - a[1] || byValue(a[0], b[0])).slice(0, 5);
  const sample = [...new Set(present)].slice(0, 10);
  return {
    statistics: {
      valueCount: present.length, missingCount: values.length - present.length, uniqueCount: counts.size,
      minLength: Math.min(...lengths), maxLength: Math.max(...lengths),
      nullLikeCount: present.filter((v) => NULL_LIKE_TOKENS.includes(v)).length,
      mostFrequent: top.map(([value, count]) => ({ value, count })),
    },
    sample,
  };
}

describe('long text columns stored as digests', () => {
  const columns = {
    distinct: Array.from({ length: ROWS }, (_, i) => distinct(i)),
    repeated: Array.from({ length: ROWS }, (_, i) => repeated(i)),
    sparse: Array.from({ length: ROWS }, (_, i) => sparse(i)),
    label: Array.from({ length: ROWS }, (_, i) => ['red', 'green', 'NA', ''][i % 4]!),
  };
  const names = Object.keys(columns) as (keyof typeof columns)[];
  const lines = Array.from({ length: ROWS }, (_, i) => [String(i), ...names.map((n) => quoted(columns[n][i]!))].join(','));
  const file = dir.write('long.csv', `id,${names.join(',')}\n${lines.join('\n')}\n`);

  it('stores the long columns as digests only', async () => {
    const loaded = await loadedShape(file);
    expect(loaded.parts.map((p) => p.digests)).toEqual([[{ index: 1, smallStored: true }, { index: 2, smallStored: true }, { index: 3, smallStored: false }]]);
  });

  it('gives the statistics and samples of the values themselves', async () => {
    const profile = await profileTable({ kind: 'delimited', path: file });
    expect(profile.rowCount).toBe(ROWS);
    for (const name of names) {
      const { statistics, sample } = expected(columns[name]);
      const profiled = column(profile, name);
      expect(profiled.dataType).toBe('sc:Text');
      expect(profiled.statistics).toMatchObject(statistics);
      expect(profiled.sample).toEqual(sample);
    }
    expect(profile.examples[2]).toMatchObject({ id: 2, distinct: distinct(2), repeated: repeated(2) });
  });
});

describe('a digested column whose head holds rows read_csv rejects', () => {
  // The head's JavaScript parser reads `"a…"x"` as a value; read_csv rejects the row (a stray quote).
  // The smallest-value bound then comes from values the table does not hold.
  const values = Array.from({ length: 3_000 }, (_, i) => long(i));
  const rejected = Array.from({ length: 5 }, (_, i) => `${i},"a${i} ${'x'.repeat(100)}"x"`);
  const file = dir.write('rejected-head.csv', `id,text\n${rejected.join('\n')}\n${values.map((v, i) => `${i},${quoted(v)}`).join('\n')}\n`);

  it('still gives the smallest values the table holds', async () => {
    const loaded = await loadedShape(file);
    expect(loaded.parts.map((p) => p.digests)).toEqual([[{ index: 1, smallStored: true }]]);
    const profile = await profileTable({ kind: 'delimited', path: file });
    expect(profile.rowCount).toBe(values.length);
    expect(column(profile, 'text').statistics).toMatchObject(expected(values).statistics);
  });
});

describe('headSmallestBound', () => {
  it('is the 5th smallest value in UTF-8 byte order, not JavaScript string order', () => {
    const characters = ['a', 'z', 'é', '\u{E000}', '\u{FFFD}', '😀', '𝄞', '東'];
    let seed = 7;
    const pick = (): string => characters[(seed = (seed * 48271) % 2147483647) % characters.length]!;
    for (let round = 0; round < 200; round += 1) {
      const values = Array.from({ length: 3 + (round % 20) }, () => Array.from({ length: 1 + (round % 3) }, pick).join(''));
      const ordered = [...values].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
      expect(headSmallestBound([null, ...values])).toBe(values.length >= 5 ? ordered[4] : undefined);
    }
  });
});
