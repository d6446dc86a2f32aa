/**
 * Exact numeric statistics: count, min, max, mean (exact integer sums, Kahan-compensated float
 * sums), sample variance (DuckDB's streaming Welford), distinct counts (hash aggregation, which
 * spills to disk) and quantiles by linear interpolation (numpy's default). All but the quantiles
 * come from one scan per batch of columns; small tables get their quantiles in it too
 * (quantile_cont holds a column in memory), larger ones from exactQuantiles, which streams, so
 * memory stays flat at any size.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { exactQuantiles } from './exactQuantiles.js';
import { finiteOrNull } from './jsonValues.js';
import { queryRows } from './loadedTable.js';
import { batchByWeight, columnIdent } from './sql.js';
import type { DataType } from './types.js';

/** Up to this many rows, quantile_cont (which buffers the column's values) is used. */
const IN_MEMORY_QUANTILE_ROWS = 1_000_000;
/** Values held by the in-memory aggregates of one query, across its columns. */
const VALUES_PER_QUERY = 4_000_000;
/** Each count(DISTINCT) starts its own hash table (~2 MB): this many per query fit the memory limit. */
const COLUMNS_PER_QUERY = 25;
const QUANTILES = [0.05, 0.5, 0.95] as const;

export interface NumericColumn { index: number; dataType: DataType }

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
  // Integers may be stored as DOUBLE (fast path): the cast makes sums exact (HUGEINT) either way.
  if (column.dataType === 'sc:Integer') return `CAST(${ident} AS BIGINT)`;
  return column.dataType === 'sc:Boolean' ? `CAST(${ident} AS INTEGER)` : ident;
}

function meanSql(column: NumericColumn, v: string): string {
  if (column.dataType === 'sc:Integer') return `CAST(sum(${v}) AS DOUBLE) / nullif(count(${v}), 0)`;
  if (column.dataType === 'sc:Float') return `fsum(${v}) / nullif(count(${v}), 0)`;
  return `avg(${v})`;
}

function momentsSql(column: NumericColumn): string {
  const v = numericValueSql(column);
  return `count(${v}), CAST(min(${v}) AS DOUBLE), CAST(max(${v}) AS DOUBLE), ${meanSql(column, v)}, var_samp(${v})`;
}

function columnSql(column: NumericColumn, inMemory: boolean): string {
  const v = numericValueSql(column);
  const quantiles = inMemory ? `quantile_cont(${v}, [${QUANTILES.join(', ')}])` : 'NULL';
  return `${momentsSql(column)}, ${quantiles}, count(DISTINCT ${v})`;
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

async function completeLargeColumn(connection: DuckDBConnection, table: string, column: NumericColumn, result: NumericResult): Promise<void> {
  const v = numericValueSql(column);
  if (result.count === 0 || result.min === null || result.max === null) return;
  const stats = { count: result.count, min: result.min, max: result.max };
  const quantiles = await exactQuantiles(connection, table, `CAST(${v} AS DOUBLE)`, stats, QUANTILES);
  result.quantiles = quantiles.map((q) => (q === null ? null : Math.min(stats.max, Math.max(stats.min, q))));
}

export async function numericStatistics(connection: DuckDBConnection, table: string, columns: NumericColumn[], rowCount: number): Promise<Map<number, NumericResult>> {
  const results = new Map<number, NumericResult>();
  const inMemory = rowCount <= IN_MEMORY_QUANTILE_ROWS;
  const weight = (): number => (inMemory ? rowCount : 1);
  for (const batch of batchByWeight(columns, weight, inMemory ? VALUES_PER_QUERY : COLUMNS_PER_QUERY, COLUMNS_PER_QUERY)) {
    const rows = await queryRows(connection, `SELECT ${batch.map((c) => columnSql(c, inMemory)).join(', ')} FROM ${table}`);
    const values = rows[0] ?? [];
    batch.forEach((column, i) => results.set(column.index, parseResult(values.slice(i * FIELDS, (i + 1) * FIELDS))));
  }
  if (!inMemory) for (const column of columns) await completeLargeColumn(connection, table, column, results.get(column.index)!);
  return results;
}
