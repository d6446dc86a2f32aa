/**
 * Exact numeric statistics, many columns per query: count, min, max, mean (exact integer sums,
 * Kahan-compensated float sums), sample variance (DuckDB's streaming Welford), quantiles by linear
 * interpolation (quantile_cont, numpy's default) and distinct counts. Columns with more than
 * EXACT_VALUE_LIMIT values use sketches instead (t-digest quantiles, HyperLogLog distinct count).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { finiteOrNull } from './jsonValues.js';
import { queryRows } from './loadedTable.js';
import { batchByWeight, columnIdent } from './sql.js';
import type { DataType } from './types.js';

/** Exact quantiles and distinct counts hold every value in memory: 10M doubles is 80 MB per column. */
export const EXACT_VALUE_LIMIT = 10_000_000;
/** Values held by the exact aggregates of one query, across its columns. */
const VALUES_PER_QUERY = 4_000_000;
const COLUMNS_PER_QUERY = 100;
/** t-digest (compression 100) keeps quantile rank errors well under 1% in practice; we state 1%. */
export const SKETCH_RANK_ERROR = 0.01;

export interface NumericColumn { index: number; dataType: DataType; approximate: boolean }

export interface NumericResult {
  count: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  variance: number | null;
  quantiles: (number | null)[];
  unique: number;
}

export function numericValueSql(column: { index: number; dataType: DataType }): string {
  const ident = columnIdent(column.index);
  return column.dataType === 'sc:Boolean' ? `CAST(${ident} AS INTEGER)` : ident;
}

function meanSql(column: NumericColumn, v: string): string {
  if (column.dataType === 'sc:Integer') return `CAST(sum(${v}) AS DOUBLE) / nullif(count(${v}), 0)`;
  if (column.dataType === 'sc:Float') return `fsum(${v}) / nullif(count(${v}), 0)`;
  return `avg(${v})`;
}

function columnSql(column: NumericColumn): string {
  const v = numericValueSql(column);
  const quantiles = column.approximate
    ? `approx_quantile(CAST(${v} AS DOUBLE), [0.05, 0.5, 0.95])`
    : `quantile_cont(${v}, [0.05, 0.5, 0.95])`;
  const unique = column.approximate ? `approx_count_distinct(${v})` : `count(DISTINCT ${v})`;
  return `count(${v}), CAST(min(${v}) AS DOUBLE), CAST(max(${v}) AS DOUBLE), ${meanSql(column, v)}, var_samp(${v}), ${quantiles}, ${unique}`;
}

function parseResult(values: unknown[]): NumericResult {
  const [count, min, max, mean, variance, quantiles, unique] = values;
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
    mean: finiteOrNull(mean),
    variance: finiteOrNull(variance),
    quantiles: Array.isArray(quantiles) ? quantiles.map(clamp) : [null, null, null],
    unique: Number(unique ?? 0),
  };
}

const FIELDS = 7;

export async function numericStatistics(connection: DuckDBConnection, table: string, columns: NumericColumn[], rowCount: number): Promise<Map<number, NumericResult>> {
  const results = new Map<number, NumericResult>();
  const weight = (c: NumericColumn): number => (c.approximate ? 1 : rowCount);
  for (const batch of batchByWeight(columns, weight, VALUES_PER_QUERY, COLUMNS_PER_QUERY)) {
    const rows = await queryRows(connection, `SELECT ${batch.map(columnSql).join(', ')} FROM ${table}`);
    const values = rows[0] ?? [];
    batch.forEach((column, i) => results.set(column.index, parseResult(values.slice(i * FIELDS, (i + 1) * FIELDS))));
  }
  return results;
}
