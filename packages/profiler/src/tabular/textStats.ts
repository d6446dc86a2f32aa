/**
 * Text and temporal statistics, all exact. Distinct counts of text come from a GROUP BY (which
 * DuckDB spills to disk), and the same grouping yields the 5 most frequent values
 * (ties broken by the value, ascending, so the result is deterministic).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { jsonValue } from './jsonValues.js';
import { queryRows } from './loadedTable.js';
import { batchByWeight, columnIdent } from './sql.js';
import type { DataType } from './types.js';

const COLUMNS_PER_QUERY = 100;
/** Each count(DISTINCT) starts its own hash table (~2 MB): this many per query fit the memory limit. */
const DISTINCT_PER_QUERY = 25;
/** Columns are grouped together (one window query) while their rows sum to less than this. */
const ROWS_PER_GROUPED_QUERY = 1_000_000;
const TOP = 5;

export interface Frequent { value: unknown; count: number }
export interface TextResult { count: number; minLength: number | null; maxLength: number | null; unique: number; mostFrequent: Frequent[] }
export interface TemporalResult { count: number; min: string | null; max: string | null; unique: number }
export interface TemporalColumn { index: number; dataType: DataType }

/** Dates may be stored as TIMESTAMP by the fast path (see readType). */
function isoSql(dataType: DataType, expression: string): string {
  if (dataType === 'sc:Date') return `CAST(CAST(${expression} AS DATE) AS VARCHAR)`;
  return `replace(CAST(${expression} AS VARCHAR), ' ', 'T')`;
}

export async function temporalStatistics(connection: DuckDBConnection, table: string, columns: TemporalColumn[]): Promise<Map<number, TemporalResult>> {
  const results = new Map<number, TemporalResult>();
  for (const batch of batchByWeight(columns, () => 1, DISTINCT_PER_QUERY, DISTINCT_PER_QUERY)) {
    const select = batch.map(({ index, dataType }) => {
      const c = columnIdent(index);
      return `count(${c}), ${isoSql(dataType, `min(${c})`)}, ${isoSql(dataType, `max(${c})`)}, count(DISTINCT ${c})`;
    });
    const row = (await queryRows(connection, `SELECT ${select.join(', ')} FROM ${table}`))[0] ?? [];
    batch.forEach((column, i) => {
      const [count, min, max, unique] = row.slice(i * 4, i * 4 + 4);
      results.set(column.index, { count: Number(count), min: (min as string | null) ?? null, max: (max as string | null) ?? null, unique: Number(unique) });
    });
  }
  return results;
}

async function lengths(connection: DuckDBConnection, table: string, indexes: number[]): Promise<Map<number, number[]>> {
  const results = new Map<number, number[]>();
  for (const batch of batchByWeight(indexes, () => 1, COLUMNS_PER_QUERY, COLUMNS_PER_QUERY)) {
    const select = batch.map((i) => `count(${columnIdent(i)}), min(length(${columnIdent(i)})), max(length(${columnIdent(i)}))`);
    const row = (await queryRows(connection, `SELECT ${select.join(', ')} FROM ${table}`))[0] ?? [];
    batch.forEach((index, i) => results.set(index, row.slice(i * 3, i * 3 + 3).map((x) => (x === null ? NaN : Number(x)))));
  }
  return results;
}

function parseTop(list: unknown): Frequent[] {
  return ((list as { v: unknown; n: unknown }[] | null) ?? []).map((e) => ({ value: jsonValue(e.v), count: Number(e.n) }));
}

/** One large column: parallel GROUP BY, then a top-N (cheaper than ranking every group). */
async function frequentSingle(connection: DuckDBConnection, table: string, index: number): Promise<[number, Frequent[]]> {
  const c = columnIdent(index);
  const sql = `WITH g AS MATERIALIZED (SELECT ${c} AS v, count(*) AS n FROM ${table} WHERE ${c} IS NOT NULL GROUP BY ${c})
    SELECT (SELECT count(*) FROM g), (SELECT list({'v': v, 'n': n} ORDER BY n DESC, v) FROM (SELECT v, n FROM g ORDER BY n DESC, v LIMIT ${TOP}))`;
  const row = (await queryRows(connection, sql))[0] ?? [];
  return [Number(row[0] ?? 0), parseTop(row[1])];
}

/** Many small columns in one query: stack them (column index k, value v), group, rank within k. */
async function frequentGrouped(connection: DuckDBConnection, table: string, indexes: number[]): Promise<Map<number, [number, Frequent[]]>> {
  const stacked = indexes.map((i) => `SELECT ${i} AS k, ${columnIdent(i)} AS v FROM ${table} WHERE ${columnIdent(i)} IS NOT NULL`).join(' UNION ALL ');
  const sql = `WITH g AS (SELECT k, v, count(*) AS n FROM (${stacked}) GROUP BY k, v),
    r AS (SELECT k, v, n, row_number() OVER (PARTITION BY k ORDER BY n DESC, v) AS rank, count(*) OVER (PARTITION BY k) AS u FROM g)
    SELECT k, any_value(u), list({'v': v, 'n': n} ORDER BY rank) FROM r WHERE rank <= ${TOP} GROUP BY k`;
  const results = new Map<number, [number, Frequent[]]>();
  for (const [k, unique, top] of await queryRows(connection, sql)) results.set(Number(k), [Number(unique), parseTop(top)]);
  return results;
}

export async function textStatistics(connection: DuckDBConnection, table: string, indexes: number[], rowCount: number): Promise<Map<number, TextResult>> {
  const lengthRows = await lengths(connection, table, indexes);
  const frequent = new Map<number, [number, Frequent[]]>();
  for (const batch of batchByWeight(indexes, () => rowCount, ROWS_PER_GROUPED_QUERY, COLUMNS_PER_QUERY)) {
    if (batch.length === 1) frequent.set(batch[0]!, await frequentSingle(connection, table, batch[0]!));
    else for (const [k, v] of await frequentGrouped(connection, table, batch)) frequent.set(k, v);
  }
  const results = new Map<number, TextResult>();
  for (const index of indexes) {
    const [count = 0, minLength = NaN, maxLength = NaN] = lengthRows.get(index) ?? [];
    const [unique, mostFrequent] = frequent.get(index) ?? [0, []];
    const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
    results.set(index, { count, minLength: finite(minLength), maxLength: finite(maxLength), unique, mostFrequent });
  }
  return results;
}
