/**
 * Text statistics by hash buckets (the way taken when a column's distinct values do not fit in
 * memory) must equal the plain GROUP BY and an answer computed here: distinct count, lengths,
 * null-like tokens and the top values ordered by count, then value.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeConnection, closeTabularEngine, openConnection } from '../../src/tabular/engine.js';
import { frequentByHashBuckets, textStatistics } from '../../src/tabular/textStats.js';
import { NULL_LIKE_TOKENS } from '../../src/tabular/missing.js';

let connection: DuckDBConnection;
beforeAll(async () => { connection = await openConnection(); });
afterAll(async () => { await closeConnection(connection); await closeTabularEngine(); });

async function tableOf(name: string, values: (string | null)[]): Promise<void> {
  await connection.run(`CREATE TABLE ${name} (c0 VARCHAR)`);
  const literal = (v: string | null) => (v === null ? 'NULL' : `'${v.replaceAll("'", "''")}'`);
  for (let i = 0; i < values.length; i += 1000) {
    await connection.run(`INSERT INTO ${name} VALUES ${values.slice(i, i + 1000).map((v) => `(${literal(v)})`).join(', ')}`);
  }
}

function expected(values: (string | null)[]) {
  const present = values.filter((v): v is string => v !== null);
  const counts = new Map<string, number>();
  for (const v of present) counts.set(v, (counts.get(v) ?? 0) + 1);
  const lengths = present.map((v) => [...v].length);
  const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, 5);
  return {
    unique: counts.size, count: present.length, minLength: Math.min(...lengths), maxLength: Math.max(...lengths),
    nullLike: present.filter((v) => NULL_LIKE_TOKENS.includes(v)).length,
    mostFrequent: top.map(([value, count]) => ({ value, count })),
  };
}

const free = (i: number) => `note ${(i * 7919) % 100_003} about item ${i}: ${'x'.repeat(i % 40)}`;

describe('text statistics by hash buckets', () => {
  const cases: [string, (string | null)[]][] = [
    ['free text, all distinct', Array.from({ length: 5000 }, (_, i) => free(i))],
    ['free text with two repeated values and tokens', Array.from({ length: 5000 }, (_, i) => (i % 997 === 0 ? 'NA' : i % 1301 === 0 ? 'None' : i % 11 === 0 ? null : free(i)))],
    ['categories, each repeated', Array.from({ length: 5000 }, (_, i) => ['alpha', 'beta', 'gamma', 'delta', 'Zürich', 'omega', 'NULL'][i % 7]! + (i % 3 === 0 ? '' : ' b'))],
  ];
  for (const [title, values] of cases) {
    it(`${title}: equals the plain grouping and the answer computed here`, async () => {
      const table = `t_${title.replace(/\W+/g, '_')}`;
      await tableOf(table, values);
      const byBuckets = await frequentByHashBuckets(connection, table, 'c0');
      const plain = (await textStatistics(connection, table, [0], values.length)).get(0);
      expect(byBuckets).toEqual(expected(values));
      expect(plain).toEqual(byBuckets);
    });
  }
});
