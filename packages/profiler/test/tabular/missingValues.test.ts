/**
 * The missing-value rule (missing.ts) on real-looking tables: an empty field is missing everywhere;
 * null-like tokens are missing only in number, boolean and date columns, and values in text columns.
 * Every expectation is computed here from the generated rows in plain JS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NULL_LIKE_TOKENS } from '../../src/tabular/missing.js';
import { closeTabularEngine, profileTable, type ColumnStatistics, type TableProfile } from '../../src/tabular/index.js';
import { column, expectClose, tempDir, type TempDir } from './tabularTestKit.js';

let dir: TempDir;
beforeAll(() => { dir = tempDir(); });
afterAll(async () => { dir.remove(); await closeTabularEngine(); });

function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const HEADER = ['incident_date', 'airport', 'country', 'damage', 'speed', 'cost', 'struck_engine'] as const;
type Row = Record<(typeof HEADER)[number], string>;

/**
 * A bird-strike-like table: damage level `None` is the most frequent value; `NA` is Namibia;
 * speed uses `NA` and `-` as placeholders; the date and cost columns use `NULL`. `lateTokens`: the
 * speed placeholders and Namibia appear only after the rows the loader reads for inference.
 */
function birdStrikes(rows: number, lateTokens: boolean): Row[] {
  const rnd = lcg(lateTokens ? 11 : 5);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const late = (i: number): boolean => !lateTokens || i > 21_000;
  return Array.from({ length: rows }, (_, i): Row => {
    const roll = rnd();
    const day = `2019-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    return {
      incident_date: roll < 0.03 ? 'NULL' : roll < 0.04 ? '' : day,
      airport: pick(['KDEN', 'KDFW', 'FAJS', 'FYWH', 'EGLL']),
      country: late(i) && roll > 0.9 ? 'NA' : pick(['US', 'ZA', 'GB', 'BW']),
      damage: roll < 0.55 ? 'None' : roll < 0.6 ? '' : pick(['Minor', 'Substantial', 'Destroyed']),
      speed: late(i) && roll > 0.93 ? 'NA' : late(i) && roll > 0.88 ? '-' : roll > 0.86 ? '' : String(80 + Math.floor(rnd() * 170)),
      cost: roll > 0.5 && roll < 0.52 ? 'NULL' : (rnd() * 5e4).toFixed(2),
      struck_engine: roll > 0.7 && roll < 0.75 ? 'N/A' : rnd() < 0.2 ? 'true' : 'false',
    };
  });
}

function toCsv(rows: readonly Row[]): string {
  return `${HEADER.join(',')}\n${rows.map((r) => HEADER.map((h) => r[h]).join(',')).join('\n')}\n`;
}

const TOKENS = new Set(NULL_LIKE_TOKENS);
const valuesOf = (rows: readonly Row[], key: keyof Row): string[] => rows.map((r) => r[key]);

/** The statistics every text column must have: tokens are values, only empty fields are missing. */
function expectTextColumn(s: ColumnStatistics, values: readonly string[]): void {
  const present = values.filter((v) => v !== '');
  const counts = new Map<string, number>();
  for (const v of present) counts.set(v, (counts.get(v) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 5).map(([value, count]) => ({ value, count }));
  expect([s.rowCount, s.valueCount, s.missingCount, s.uniqueCount]).toEqual([values.length, present.length, values.length - present.length, counts.size]);
  expect(s.nullLikeCount).toBe(present.filter((v) => TOKENS.has(v)).length);
  expect(s.mostFrequent).toEqual(top);
}

/** A typed column: tokens and empty fields are missing; `parse` gives the value of the rest. */
function presentTyped(values: readonly string[]): string[] {
  return values.filter((v) => v !== '' && !TOKENS.has(v));
}

function expectIntegerColumn(s: ColumnStatistics, values: readonly string[]): void {
  const numbers = presentTyped(values).map(Number);
  expect([s.valueCount, s.missingCount, s.uniqueCount]).toEqual([numbers.length, values.length - numbers.length, new Set(numbers).size]);
  expect([s.min, s.max]).toEqual([Math.min(...numbers), Math.max(...numbers)]);
  expectClose(s.mean, numbers.reduce((a, b) => a + b, 0) / numbers.length, 1e-12);
  expect(s.unparsedCount).toBeUndefined();
  expect(s.nullLikeCount).toBeUndefined();
}

function expectDateColumn(s: ColumnStatistics, values: readonly string[]): void {
  const dates = presentTyped(values).sort();
  expect([s.valueCount, s.missingCount, s.uniqueCount]).toEqual([dates.length, values.length - dates.length, new Set(dates).size]);
  expect([s.min, s.max]).toEqual([dates[0], dates.at(-1)]);
}

describe.each([
  { name: 'tokens within the rows read for inference', rows: 3_000, lateTokens: false },
  { name: 'placeholders and Namibia first met after 21,000 rows', rows: 24_000, lateTokens: true },
])('a bird-strike-like CSV: $name', ({ rows: rowCount, lateTokens }) => {
  let rows: Row[];
  let profile: TableProfile;
  beforeAll(async () => {
    rows = birdStrikes(rowCount, lateTokens);
    profile = await profileTable({ kind: 'delimited', path: dir.write(`strikes-${rowCount}.csv`, toCsv(rows)) });
  });

  it('keeps the types the other values give', () => {
    expect(profile.columns.map((c) => [c.name, c.dataType])).toEqual([
      ['incident_date', 'sc:Date'], ['airport', 'sc:Text'], ['country', 'sc:Text'], ['damage', 'sc:Text'],
      ['speed', 'sc:Integer'], ['cost', 'sc:Float'], ['struck_engine', 'sc:Boolean'],
    ]);
  });

  it('counts damage level None as the most frequent value, not as missing', () => {
    const damage = column(profile, 'damage');
    expectTextColumn(damage.statistics, valuesOf(rows, 'damage'));
    expect(damage.statistics.mostFrequent?.[0]?.value).toBe('None');
    expect(damage.sample).toContain('None');
  });

  it('counts Namibia (NA) as a country', () => {
    const country = column(profile, 'country');
    expectTextColumn(country.statistics, valuesOf(rows, 'country'));
    expect(country.statistics.nullLikeCount).toBeGreaterThan(0);
    expect(country.statistics.uniqueCount).toBe(5);
  });

  it('treats NA and - as missing speeds, NULL as missing dates and costs, N/A as a missing boolean', () => {
    expectIntegerColumn(column(profile, 'speed').statistics, valuesOf(rows, 'speed'));
    expectDateColumn(column(profile, 'incident_date').statistics, valuesOf(rows, 'incident_date'));
    const costs = presentTyped(valuesOf(rows, 'cost')).map(Number);
    const cost = column(profile, 'cost').statistics;
    expect([cost.valueCount, cost.missingCount, cost.max]).toEqual([costs.length, rowCount - costs.length, Math.max(...costs)]);
    const engine = presentTyped(valuesOf(rows, 'struck_engine'));
    const struck = column(profile, 'struck_engine').statistics;
    expect([struck.valueCount, struck.missingCount]).toEqual([engine.length, rowCount - engine.length]);
    expectClose(struck.mean, engine.filter((v) => v === 'true').length / engine.length, 1e-12);
  });

  it('shows no token in the samples of typed columns and keeps tokens in the examples of text columns', () => {
    expect(column(profile, 'speed').sample.every((v) => typeof v === 'number')).toBe(true);
    expect(column(profile, 'incident_date').sample.every((v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v))).toBe(true);
    profile.examples.forEach((example, r) => {
      expect(example.damage).toBe(rows[r]!.damage === '' ? null : rows[r]!.damage);
      expect(example.speed).toBe(presentTyped([rows[r]!.speed]).length === 0 ? null : Number(rows[r]!.speed));
    });
  });
});

describe('in-memory rows (an Excel sheet) follow the same rule', () => {
  it('keeps None as a damage level and treats - as a missing number', async () => {
    const damage = ['None', 'Minor', 'None', '', 'None', 'Destroyed', 'NA'];
    const speed: unknown[] = [120, '-', 95, null, 'NA', 140, 101];
    const profile = await profileTable({ kind: 'rows', columns: ['damage', 'speed'], rows: damage.map((d, i) => [d, speed[i]]) });
    expect(profile.columns.map((c) => c.dataType)).toEqual(['sc:Text', 'sc:Integer']);
    expectTextColumn(column(profile, 'damage').statistics, damage);
    const numbers = speed.filter((v): v is number => typeof v === 'number');
    const s = column(profile, 'speed').statistics;
    expect([s.valueCount, s.missingCount, s.min, s.max]).toEqual([numbers.length, speed.length - numbers.length, Math.min(...numbers), Math.max(...numbers)]);
    expect(s.unparsedCount).toBeUndefined();
  });
});
