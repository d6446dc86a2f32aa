/**
 * Text and temporal statistics, all exact. Distinct counts of text come from a GROUP BY (which
 * DuckDB spills to disk), and the same grouping yields the 5 most frequent values
 * (ties broken by the value, ascending, so the result is deterministic).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { isOutOfMemoryError } from './duckdbErrors.js';
import { jsonValue } from './jsonValues.js';
import { queryRows } from './loadedTable.js';
import { nullLikeSql } from './missing.js';
import { batchByWeight, columnIdent, distinctCountSql } from './sql.js';
import type { DataType } from './types.js';

const COLUMNS_PER_QUERY = 100;
/** Temporal columns of one query (each distinct count is a GROUP BY of its own). */
const DISTINCT_PER_QUERY = 25;
/**
 * Columns are grouped together (one window query) while their rows sum to less than this: stacking
 * saves per-query overhead for many small columns, but ranking large groups in windows costs more
 * than a query per column (3 × 140,000 long texts: 2.9 s stacked, 0.9 s one by one) and its
 * memory does not spill as well.
 */
const ROWS_PER_GROUPED_QUERY = 100_000;
export const TOP_VALUES = 5;

export interface Frequent { value: unknown; count: number }
export interface TextResult { count: number; minLength: number | null; maxLength: number | null; unique: number; mostFrequent: Frequent[]; nullLike: number }
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
      return `count(${c}), ${isoSql(dataType, `min(${c})`)}, ${isoSql(dataType, `max(${c})`)}, ${distinctCountSql(table, c)}`;
    });
    const row = (await queryRows(connection, `SELECT ${select.join(', ')} FROM ${table}`))[0] ?? [];
    batch.forEach((column, i) => {
      const [count, min, max, unique] = row.slice(i * 4, i * 4 + 4);
      results.set(column.index, { count: Number(count), min: (min as string | null) ?? null, max: (max as string | null) ?? null, unique: Number(unique) });
    });
  }
  return results;
}

function parseTop(list: unknown): Frequent[] {
  return ((list as { v: unknown; n: unknown }[] | null) ?? []).map((e) => ({ value: jsonValue(e.v), count: Number(e.n) }));
}

/** [distinct values, values, shortest, longest, null-like values, top list] as selected by the queries below. */
export function textResult([unique, count, minLength, maxLength, nullLike, top]: unknown[]): TextResult {
  const orNull = (x: unknown): number | null => (x === null || x === undefined ? null : Number(x));
  return { unique: Number(unique ?? 0), count: Number(count ?? 0), minLength: orNull(minLength), maxLength: orNull(maxLength), nullLike: Number(nullLike ?? 0), mostFrequent: parseTop(top) };
}

/**
 * One large column: one parallel GROUP BY, aggregated as it streams. The top values come from
 * min_by over (-count, value), the same order as ORDER BY n DESC, v: unlike a materialized
 * grouping read twice, nothing holds every distinct value at once.
 */
async function frequentSingle(connection: DuckDBConnection, table: string, index: number): Promise<TextResult> {
  const c = columnIdent(index);
  const sql = `WITH g AS (SELECT ${c} AS v, count(*) AS n FROM ${table} WHERE ${c} IS NOT NULL GROUP BY ${c})
    SELECT count(*), sum(n), min(length(v)), max(length(v)), coalesce(sum(n) FILTER (WHERE ${nullLikeSql('v')}), 0),
      min_by({'v': v, 'n': n}, {'n': -n, 'v': v}, ${TOP_VALUES}) FROM g`;
  try {
    return textResult((await queryRows(connection, sql))[0] ?? []);
  } catch (error) {
    if (!isOutOfMemoryError(error)) throw error;
    return frequentByHashBuckets(connection, table, c);
  }
}

/**
 * Distinct values and the top list of a column by hash buckets, exact. `hashes` (a FROM item with a
 * column k) holds the 64-bit hash of every non-NULL value, and `source` the values themselves in
 * column `value`. A bucket of one row holds one value seen once; only the rows of buckets with more
 * (repeated values, or a rare collision) are grouped by value. The top list merges their top values
 * with the smallest values seen once, ordered as ORDER BY n DESC, v.
 */
export async function frequentByHash(connection: DuckDBConnection, hashes: string, source: string, value: string): Promise<{ unique: number; top: unknown }> {
  const sql = `WITH h AS MATERIALIZED (SELECT k, count(*) AS n FROM ${hashes} GROUP BY k),
    r AS MATERIALIZED (SELECT k FROM h WHERE n > 1),
    g AS MATERIALIZED (SELECT ${value} AS v, count(*) AS n FROM ${source} WHERE ${value} IS NOT NULL AND hash(${value}) IN (SELECT k FROM r) GROUP BY ${value}),
    candidates AS ((SELECT v, n FROM g ORDER BY n DESC, v LIMIT ${TOP_VALUES})
      UNION ALL (SELECT ${value} AS v, 1 AS n FROM ${source} WHERE ${value} IS NOT NULL AND hash(${value}) NOT IN (SELECT k FROM r) ORDER BY ${value} LIMIT ${TOP_VALUES}))
    SELECT (SELECT count(*) FROM h WHERE n = 1) + (SELECT count(*) FROM g), (SELECT min_by({'v': v, 'n': n}, {'n': -n, 'v': v}, ${TOP_VALUES}) FROM candidates)`;
  const [unique, top] = (await queryRows(connection, sql))[0] ?? [];
  return { unique: Number(unique), top };
}

/**
 * The same statistics when the distinct values themselves do not fit in memory (650,000 texts of
 * about 500 bytes under the 160 MB limit): values are first grouped by their hash, which is small
 * (frequentByHash).
 */
export async function frequentByHashBuckets(connection: DuckDBConnection, table: string, c: string): Promise<TextResult> {
  const lengths = `SELECT count(${c}), min(length(${c})), max(length(${c})), count(${c}) FILTER (WHERE ${nullLikeSql(c)}) FROM ${table}`;
  const [count, minLength, maxLength, nullLike] = (await queryRows(connection, lengths))[0] ?? [];
  const { unique, top } = await frequentByHash(connection, `(SELECT hash(${c}) AS k FROM ${table} WHERE ${c} IS NOT NULL)`, table, c);
  return textResult([unique, count, minLength, maxLength, nullLike, top]);
}

/** Many small columns in one query: stack them (column index k, value v), group, rank within k. */
async function frequentGrouped(connection: DuckDBConnection, table: string, indexes: number[]): Promise<Map<number, TextResult>> {
  const stacked = indexes.map((i) => `SELECT ${i} AS k, ${columnIdent(i)} AS v FROM ${table} WHERE ${columnIdent(i)} IS NOT NULL`).join(' UNION ALL ');
  const sql = `WITH g AS (SELECT k, v, count(*) AS n FROM (${stacked}) GROUP BY k, v),
    r AS (SELECT k, v, n, row_number() OVER (PARTITION BY k ORDER BY n DESC, v) AS rank, count(*) OVER w AS u,
      sum(n) OVER w AS total, min(length(v)) OVER w AS shortest, max(length(v)) OVER w AS longest,
      sum(CASE WHEN ${nullLikeSql('v')} THEN n ELSE 0 END) OVER w AS tokens FROM g WINDOW w AS (PARTITION BY k))
    SELECT k, any_value(u), any_value(total), any_value(shortest), any_value(longest), any_value(tokens), list({'v': v, 'n': n} ORDER BY rank) FROM r WHERE rank <= ${TOP_VALUES} GROUP BY k`;
  const results = new Map<number, TextResult>();
  for (const [k, ...fields] of await queryRows(connection, sql)) results.set(Number(k), textResult(fields));
  return results;
}

/** Counts, lengths and distinct values all come from the grouping, so the column is scanned once. */
export async function textStatistics(connection: DuckDBConnection, table: string, indexes: number[], rowCount: number): Promise<Map<number, TextResult>> {
  const results = new Map<number, TextResult>();
  for (const batch of batchByWeight(indexes, () => rowCount, ROWS_PER_GROUPED_QUERY, COLUMNS_PER_QUERY)) {
    if (batch.length === 1) results.set(batch[0]!, await frequentSingle(connection, table, batch[0]!));
    else for (const [k, v] of await frequentGrouped(connection, table, batch)) results.set(k, v);
  }
  const empty: TextResult = { unique: 0, count: 0, minLength: null, maxLength: null, mostFrequent: [], nullLike: 0 };
  for (const index of indexes) if (!results.has(index)) results.set(index, empty);
  return results;
}
