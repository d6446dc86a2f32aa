/**
 * shapeInference.ts must give exactly inferColumn's answer: every value it gives a shape must be
 * counted by countValue as that shape says, on values built to sit on the shapes' edges.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeConnection, closeTabularEngine, openConnection } from '../../src/tabular/engine.js';
import { countValue, emptyCounts, type FormatCounts } from '../../src/tabular/inference.js';
import { queryRows } from '../../src/tabular/loadedTable.js';
import { isNullLike, NULL_LIKE_TOKENS } from '../../src/tabular/missing.js';
import { inferColumn } from '../../src/tabular/rowInference.js';
import { inferByShape, SHAPE, shapeSql } from '../../src/tabular/shapeInference.js';
import { tempDir } from './tabularTestKit.js';

const dir = tempDir();
afterAll(async () => { await closeTabularEngine(); dir.remove(); });

let seed = 20261204;
const random = (): number => (seed = (seed * 48271) % 2147483647) / 2147483647;
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const digits = (n: number): string => Array.from({ length: n }, () => pick([...'0123456789'])).join('');
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Values on and around each shape's edges. */
function edgeValue(): string {
  const sign = pick(['', '', '-', '+']);
  switch (Math.floor(random() * 10)) {
    case 0: return sign + digits(1 + Math.floor(random() * 22)); // leading zeros, 19+ digits
    case 1: return `${sign}${digits(Math.floor(random() * 25))}.${digits(Math.floor(random() * 25))}`;
    case 2: return `${sign}${pick(['', digits(1 + Math.floor(random() * 5))])}${pick(['', '.', `.${digits(2)}`])}${pick(['e', 'E'])}${pick(['', '-', '+'])}${digits(Math.floor(random() * 5))}`;
    case 3: return [...pick(['true', 'false', 'tru', 'falsey', 'falſe', 'truе'])].map((ch) => (random() < 0.5 ? ch.toUpperCase() : ch)).join('');
    case 4: return `${pad(Math.floor(random() * 10000), 4)}-${pad(Math.floor(random() * 14), 2)}-${pad(Math.floor(random() * 33), 2)}`;
    case 5: return `${pad(Math.floor(random() * 3000), 4)}-${pad(1 + Math.floor(random() * 12), 2)}-${pad(1 + Math.floor(random() * 30), 2)}${pick(['', ' ', 'T10:11', 'Z'])}`;
    case 6: return `${pad(Math.floor(random() * 3000), 4)}-${pad(1 + Math.floor(random() * 12), 2)}-${pad(1 + Math.floor(random() * 31), 2)}${pick(['T', ' ', 't'])}${pad(Math.floor(random() * 26), 2)}:${pad(Math.floor(random() * 61), 2)}${pick(['', `:${pad(Math.floor(random() * 61), 2)}`, `:0${Math.floor(random() * 10)}.${digits(Math.floor(random() * 11))}`])}${pick(['', '', 'Z', '+02:00'])}`;
    case 7: return pick(NULL_LIKE_TOKENS);
    case 8: return Array.from({ length: 1 + Math.floor(random() * 12) }, () => pick([...'0123456789-+.,eE:TZ tfaNn#/'])).join('');
    default: return `${pick(['', ' '])}${digits(1 + Math.floor(random() * 4))}${pick(['', ' ', ',', ',000'])}`;
  }
}

const expectedCounts: Record<number, Partial<FormatCounts>> = {
  [SHAPE.integer]: { nonMissing: 1, int: 1, float: 1 },
  [SHAPE.decimal]: { nonMissing: 1, float: 1 },
  [SHAPE.padded]: { nonMissing: 1, padded: 1, float: 1 },
  [SHAPE.dateTime]: { nonMissing: 1, dateTime: 1 },
  [SHAPE.boolean]: { nonMissing: 1, bool: 1 },
  [SHAPE.date]: { nonMissing: 1, date: 1 },
};

async function shapesOf(values: string[]): Promise<(number | null)[]> {
  const connection = await openConnection();
  try {
    const path = dir.write('shapes.csv', `v\n${values.map((v) => `"${v.replaceAll('"', '""')}"`).join('\n')}\n`);
    const rows = await queryRows(connection, `SELECT ${shapeSql('v')} FROM read_csv('${path}', header = true, columns = {'v': 'VARCHAR'}, auto_detect = false, quote = '"', escape = '"')`);
    return rows.map(([shape]) => (shape === null ? null : Number(shape)));
  } finally {
    await closeConnection(connection);
  }
}

describe('value shapes', () => {
  it('count each shaped value as countValue does', async () => {
    const values = Array.from({ length: 80_000 }, edgeValue);
    const shapes = await shapesOf(values);
    const seen = new Map<number | null, number>();
    values.forEach((value, i) => {
      const shape = shapes[i]!;
      seen.set(shape, (seen.get(shape) ?? 0) + 1);
      if (shape === null) return;
      if (shape === SHAPE.token) return expect(isNullLike(value), value).toBe(true);
      const counts = emptyCounts();
      countValue(value, counts);
      expect(isNullLike(value), value).toBe(false);
      expect(counts, value).toEqual({ ...emptyCounts(), ...expectedCounts[shape] });
    });
    // Every shape is met often, and so are values of none.
    for (const shape of [...Object.values(SHAPE), null]) expect(seen.get(shape) ?? 0).toBeGreaterThan(500);
  });
});

describe('inferByShape', () => {
  const ROWS = 12_000;
  const columns: Record<string, (i: number) => string> = {
    integers: (i) => String(i * 7919 - 5_000_000),
    integersWithTokens: (i) => (i % 50 === 0 ? pick(['NA', 'null', '-']) : String(i)),
    oneFractionInIntegers: (i) => (i === 500 ? '1.5' : String(i)),
    decimals: (i) => `${(i / 7).toFixed(3)}e${i % 3}`,
    booleans: (i) => (i % 3 ? 'TRUE' : 'false'),
    dates: (i) => `20${pad(10 + (i % 15), 2)}-0${1 + (i % 9)}-1${i % 10}`,
    datesWithOneBoolean: (i) => (i === 7 ? 'true' : `2020-01-${pad(1 + (i % 28), 2)}`),
    integersAndDates: (i) => (i % 2 ? String(i) : '2020-02-02'),
    paddedCodes: (i) => pad(i % 1000, 4),
    dateTimes: (i) => `2021-0${1 + (i % 9)}-0${1 + (i % 9)}${i % 2 ? 'T' : ' '}1${i % 10}:3${i % 10}${i % 3 ? ':00.5' : ''}`,
    datesAndDateTimes: (i) => (i % 2 ? '2021-03-04 10:00' : '2021-03-05'),
    onlyTokens: () => 'NULL',
  };
  const names = Object.keys(columns);

  it('gives the type and tokens inferColumn gives, where every value has a shape', async () => {
    const rows = Array.from({ length: ROWS }, (_, i) => names.map((name) => columns[name]!(i)));
    const path = dir.write('head.csv', `${names.join(',')}\n${rows.map((row) => row.join(',')).join('\n')}\n`);
    const connection = await openConnection();
    try {
      const head = `(SELECT ${names.map((name, i) => `"${name}" AS c${i}`).join(', ')} FROM read_csv('${path}', header = true, all_varchar = true))`;
      const inferred = await inferByShape(connection, head, names.map((_, i) => i), ',');
      expect([...inferred.keys()]).toEqual(names.map((_, i) => i));
      names.forEach((name, i) => {
        expect(inferred.get(i), name).toEqual(inferColumn(rows.map((row) => row[i]), ROWS, ','));
      });
      expect(inferred.get(names.indexOf('integersWithTokens'))).toMatchObject({ type: { dataType: 'sc:Integer' }, withTokens: true });
      expect(inferred.get(names.indexOf('oneFractionInIntegers'))?.type.dataType).toBe('sc:Float');
    } finally {
      await closeConnection(connection);
    }
  });

  it('leaves a column with any other value to inferColumn', async () => {
    const path = dir.write('other.csv', 'a,b,c\n1, 12,2020-01-01T10:00+02:00\n2,13,2020-01-02T10:00Z\n');
    const connection = await openConnection();
    try {
      const inferred = await inferByShape(connection, `(SELECT a AS c0, b AS c1, c AS c2 FROM read_csv('${path}', header = true, all_varchar = true))`, [0, 1, 2], ',');
      expect([...inferred.keys()]).toEqual([0]);
    } finally {
      await closeConnection(connection);
    }
  });
});
