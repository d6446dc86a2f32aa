/**
 * Exact numeric statistics: count, min, max, mean, sample variance and standard deviation (exact
 * integer sums, see exactMoments.ts), histograms, distinct counts and quantiles by linear
 * interpolation (numpy's default). A first scan per batch of columns finds min and max (and the
 * smallest non-zero float magnitude); knowing min and max, a second scan sums the moments, bins the
 * histograms and counts distinct integers in a bitmap over [min, max] when the range is small next
 * to the row count (several times cheaper than hashing), the others by a GROUP BY each
 * (distinctCountSql). Small tables get their quantiles in the first scan
 * (quantile_cont holds a column in memory), larger ones from exactQuantiles, which streams, so
 * memory stays flat at any size. Every aggregate is order-independent, so results do not depend on
 * how threads split the rows. Booleans need only two counts (booleanStats.ts). In large tables,
 * integer columns of at most about GROUPED_MAX_VALUES distinct values (estimated in the first scan)
 * take neither the second scan nor the quantile rounds: one GROUP BY on the value yields all their
 * statistics (groupedIntegers.ts). Small tables have no quantile rounds to save, and one batched
 * second scan costs less than a GROUP BY per column.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { booleanStatistics } from './booleanStats.js';
import { floatPlan, integerPlan, momentFieldCount, momentsSql, readMoments, smallestMagnitudeSql, type MomentPlan } from './exactMoments.js';
import { exactQuantiles } from './exactQuantiles.js';
import { groupedIntegerStatistics, isGroupable } from './groupedIntegers.js';
import { histogramSql, readHistogram } from './histogram.js';
import { finiteOrNull } from './jsonValues.js';
import { queryRows } from './loadedTable.js';
import { batchByWeight, columnIdent, distinctCountSql } from './sql.js';
import type { DataType } from './types.js';

/** Up to this many rows, quantile_cont (which buffers the column's values) is used. */
const IN_MEMORY_QUANTILE_ROWS = 1_000_000;
/**
 * Values held by the in-memory aggregates of one query, across its columns. quantile_cont's buffers
 * live outside DuckDB's memory limit: at 4 M, the first scan of the 1 GB wide benchmark table
 * (650,000 rows, 6 columns a query) raised RSS by 73 MB; at 1 M, by 8 MB.
 */
const VALUES_PER_QUERY = 1_000_000;
/** Columns of one first-scan query (large tables). */
const COLUMNS_PER_QUERY = 25;
const QUANTILES = [0.05, 0.5, 0.95] as const;
/** Integer ranges up to this size get an exact bitmap distinct count (2 MB per state at most). */
const BITMAP_MAX_BITS = 2 ** 24;
/**
 * ... and at most this many bits per value: each thread's bitmap is allocated and merged whole, so
 * a sparse one costs more than hashing (16 columns of 140,000 values over ranges of 1.1 M: 86 ms by
 * bitmap, 52 ms by GROUP BY; 2.4 M values over 2.4 M: 26 ms against 120 ms).
 */
const BITMAP_BITS_PER_VALUE = 4;
/** GROUP BY subqueries (distinct counts) of one statement. */
const DISTINCT_PER_QUERY = 25;
/** Bitmaps (KB, per thread) of one second-scan query: they live outside DuckDB's buffer pool and cannot spill. */
const BITMAP_KB_PER_QUERY = 16_384;
const COLUMNS_PER_SECOND_SCAN = 100;

export interface NumericColumn { index: number; dataType: DataType }

export interface NumericResult {
  count: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  variance: number | null;
  standardDeviation: number | null;
  /** False when mean, variance and standardDeviation come from values rounded to a common binary step (exactMoments.ts). */
  momentsExact: boolean;
  quantiles: (number | null)[];
  unique: number;
  histogram: string | null;
}

function numericValueSql(column: { index: number; dataType: DataType }): string {
  const ident = columnIdent(column.index);
  // Integers may be stored as DOUBLE (fast path): the cast makes sums exact (HUGEINT) either way.
  return column.dataType === 'sc:Integer' ? `CAST(${ident} AS BIGINT)` : ident;
}

/** The column as DOUBLE: the same values as numericValueSql, without its BIGINT round trip. */
function doubleValueSql(column: NumericColumn): string {
  return `CAST(${columnIdent(column.index)} AS DOUBLE)`;
}

function isIntegral(column: NumericColumn): boolean {
  return column.dataType === 'sc:Integer';
}

/** The value that exactMoments turns into integers: floats as DOUBLE (Parquet may give FLOAT or DECIMAL). */
function momentValueSql(column: NumericColumn): string {
  return isIntegral(column) ? numericValueSql(column) : doubleValueSql(column);
}

function columnSql(column: NumericColumn, inMemory: boolean): string {
  const v = numericValueSql(column);
  const quantiles = inMemory ? `quantile_cont(${v}, [${QUANTILES.join(', ')}])` : 'NULL';
  // Distinct values are counted later, integers where min and max are known; in large tables an
  // estimate of their distinct count picks the way (groupedIntegers.ts). Only floats need their
  // smallest magnitude.
  const estimate = inMemory ? 'NULL' : `approx_count_distinct(${v})`;
  if (isIntegral(column)) return `count(${v}), CAST(min(${v}) AS DOUBLE), CAST(max(${v}) AS DOUBLE), ${quantiles}, ${estimate}`;
  return `count(${v}), CAST(min(${v}) AS DOUBLE), CAST(max(${v}) AS DOUBLE), ${quantiles}, ${smallestMagnitudeSql(momentValueSql(column))}`;
}

/** `hint`: the smallest non-zero magnitude of a float column, the estimated distinct count of an integer one. */
function parseResult(values: unknown[]): NumericResult & { hint: number | null } {
  const [count, min, max, quantiles, hint] = values;
  const low = finiteOrNull(min);
  const high = finiteOrNull(max);
  const clamp = (q: unknown): number | null => {
    const x = finiteOrNull(q);
    return x === null || low === null || high === null ? x : Math.min(high, Math.max(low, x));
  };
  return {
    count: Number(count),
    min: low,
    max: high,
    mean: null,
    variance: null,
    standardDeviation: null,
    momentsExact: true,
    quantiles: Array.isArray(quantiles) ? quantiles.map(clamp) : [null, null, null],
    unique: 0,
    histogram: null,
    hint: finiteOrNull(hint),
  };
}

const FIELDS = 5;

interface Ranged { column: NumericColumn; result: NumericResult & { min: number; max: number }; plan: MomentPlan }

/** The bitmap size of an integer column whose distinct values are counted by bitmap, else undefined. */
function bitmapBits({ column, result }: Pick<Ranged, 'column' | 'result'>): number | undefined {
  if (!isIntegral(column) || result.min === result.max) return undefined;
  const bits = result.max - result.min + 1;
  const fits = Number.isSafeInteger(result.min) && Number.isSafeInteger(result.max) && bits <= BITMAP_MAX_BITS && bits <= BITMAP_BITS_PER_VALUE * result.count;
  return fits ? bits : undefined;
}

/** Bitmap distinct counts; the other columns are counted by countDistinct. */
function distinctSql(ranged: Ranged): string {
  const { column, result } = ranged;
  if (bitmapBits(ranged) === undefined) return 'NULL';
  return `bit_count(bitstring_agg(CAST(${numericValueSql(column)} AS BIGINT), ${result.min}, ${result.max}))`;
}

function distinctKb(ranged: Ranged): number {
  const bits = bitmapBits(ranged);
  return bits === undefined ? 1 : Math.ceil(bits / 8192) + 1;
}

/** A constant column has one value; the others not counted by bitmap get a GROUP BY each. */
async function countDistinct(connection: DuckDBConnection, table: string, columns: Ranged[]): Promise<void> {
  for (const { result } of columns) if (result.min === result.max) result.unique = 1;
  const hashed = columns.filter((ranged) => ranged.result.min !== ranged.result.max && bitmapBits(ranged) === undefined);
  for (const batch of batchByWeight(hashed, () => 1, DISTINCT_PER_QUERY, DISTINCT_PER_QUERY)) {
    const counts = batch.map(({ column }) => distinctCountSql(table, numericValueSql(column)));
    const row = (await queryRows(connection, `SELECT ${counts.join(', ')}`))[0] ?? [];
    batch.forEach(({ result }, i) => { result.unique = Number(row[i]); });
  }
}

function secondScanSql(ranged: Ranged): string {
  const histogram = ranged.result.min === ranged.result.max ? 'NULL' : histogramSql(ranged.result, doubleValueSql(ranged.column));
  return `${histogram}, ${distinctSql(ranged)}, ${momentsSql(ranged.plan)}`;
}

/** Moments, histograms of every column with values, and distinct counts of the integer ones. */
async function secondScan(connection: DuckDBConnection, table: string, columns: Ranged[]): Promise<void> {
  for (const batch of batchByWeight(columns, distinctKb, BITMAP_KB_PER_QUERY, COLUMNS_PER_SECOND_SCAN)) {
    const row = (await queryRows(connection, `SELECT ${batch.map(secondScanSql).join(', ')} FROM ${table}`))[0] ?? [];
    let offset = 0;
    for (const { column, result, plan } of batch) {
      const fields = row.slice(offset, offset + 2 + momentFieldCount(plan));
      offset += fields.length;
      result.histogram = readHistogram(result, fields[0]);
      if (bitmapBits({ column, result }) !== undefined) result.unique = Number(fields[1]);
      const moments = readMoments(plan, result.count, fields.slice(2));
      Object.assign(result, { mean: moments.mean, variance: moments.variance, standardDeviation: moments.standardDeviation, momentsExact: moments.exact });
    }
  }
}

/** Streamed exact quantiles of every column with values, clamped to [min, max] against rounding. */
async function largeQuantiles(connection: DuckDBConnection, table: string, columns: Ranged[]): Promise<void> {
  const inputs = columns.map(({ column, result }) => ({ value: doubleValueSql(column), count: result.count, min: result.min, max: result.max }));
  const quantiles = await exactQuantiles(connection, table, inputs, QUANTILES);
  columns.forEach(({ result }, i) => {
    result.quantiles = quantiles[i]!.map((q) => (q === null ? null : Math.min(result.max, Math.max(result.min, q))));
  });
}

function withRange(columns: NumericColumn[], results: Map<number, NumericResult>, smallest: Map<number, number | null>): Ranged[] {
  return columns.flatMap((column) => {
    const result = results.get(column.index)!;
    if (result.count === 0 || result.min === null || result.max === null) return [];
    const value = momentValueSql(column);
    const largest = Math.max(Math.abs(result.min), Math.abs(result.max));
    const plan = isIntegral(column) ? integerPlan(value, largest) : floatPlan(value, largest, smallest.get(column.index) ?? null);
    return [{ column, result: result as Ranged['result'], plan }];
  });
}

export async function numericStatistics(connection: DuckDBConnection, table: string, allColumns: NumericColumn[], rowCount: number): Promise<Map<number, NumericResult>> {
  const results = await booleanStatistics(connection, table, allColumns.filter((c) => c.dataType === 'sc:Boolean'), QUANTILES);
  const columns = allColumns.filter((c) => c.dataType !== 'sc:Boolean');
  const hints = new Map<number, number | null>();
  const inMemory = rowCount <= IN_MEMORY_QUANTILE_ROWS;
  const weight = (): number => (inMemory ? rowCount : 1);
  for (const batch of batchByWeight(columns, weight, inMemory ? VALUES_PER_QUERY : COLUMNS_PER_QUERY, COLUMNS_PER_QUERY)) {
    const rows = await queryRows(connection, `SELECT ${batch.map((c) => columnSql(c, inMemory)).join(', ')} FROM ${table}`);
    const values = rows[0] ?? [];
    batch.forEach((column, i) => {
      const { hint, ...result } = parseResult(values.slice(i * FIELDS, (i + 1) * FIELDS));
      results.set(column.index, result);
      hints.set(column.index, hint);
    });
  }
  const ranged = withRange(columns, results, hints);
  const grouped = inMemory ? [] : ranged.filter(({ column, result }) => isIntegral(column) && isGroupable(result.min, result.max, hints.get(column.index) ?? null));
  const scanned = ranged.filter((r) => !grouped.includes(r));
  await groupedIntegerStatistics(connection, table, grouped.map(({ column, result }) => ({ value: numericValueSql(column), result })), QUANTILES);
  await secondScan(connection, table, scanned);
  await countDistinct(connection, table, scanned);
  if (!inMemory) await largeQuantiles(connection, table, scanned);
  return results;
}
