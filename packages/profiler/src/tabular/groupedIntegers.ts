/**
 * Integer columns of few distinct values (small integers, numeric codes, dates as numbers): one
 * GROUP BY on the value gives the column's distribution as (value, count) pairs, at most about
 * GROUPED_MAX_VALUES of them, and every remaining statistic follows exactly from those pairs in the same statement:
 * the distinct count, the histogram (cumulative counts at the bin edges, the same x <= edge rule
 * as histogram()), the moments (exactMoments.ts sums, each limb weighted by its count) and the
 * order statistics (the smallest value whose cumulative count passes the rank). That replaces a
 * scan for histogram, bitmap and moments plus the bucketing rounds of exactQuantiles: a hash
 * aggregate over few groups is the cheapest full scan DuckDB has.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { integerPlan, momentsSql, readMoments, type MomentPlan } from './exactMoments.js';
import { interpolate, ranksOf } from './exactQuantiles.js';
import { binEdges, readHistogram } from './histogram.js';
import { queryRows } from './loadedTable.js';
import type { NumericResult } from './numericStats.js';

/** Columns of at most this many distinct values are grouped: the hash table stays small whatever the row count. */
export const GROUPED_MAX_VALUES = 2 ** 20;
/** An estimate's error (HyperLogLog, a few percent) must not let a column past the limit by much. */
const ESTIMATE_MARGIN = 0.9;

export interface GroupedColumn {
  /** The column as a BIGINT SQL expression. */
  value: string;
  result: NumericResult & { min: number; max: number };
}

/** `estimatedDistinct`: approx_count_distinct of the column; a range below the limit needs none. */
export function isGroupable(min: number, max: number, estimatedDistinct: number | null): boolean {
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min >= max) return false;
  return max - min < GROUPED_MAX_VALUES || (estimatedDistinct ?? Infinity) <= GROUPED_MAX_VALUES * ESTIMATE_MARGIN;
}

/** Limbs of v; in BIGINT, a product of two limbs times a count could overflow, so the count is HUGEINT. */
function planOf({ result }: GroupedColumn): MomentPlan {
  return integerPlan('v', Math.max(Math.abs(result.min), Math.abs(result.max)));
}

/** Upper bin edges: the histogram's x <= edge rule, on the value as DOUBLE as histogram() compares it. */
function upperEdges({ result }: GroupedColumn): number[] {
  return binEdges(result.min, result.max).slice(1);
}

/** [distinct, cumulative count at each upper edge, value at each rank, moment sums]. */
function statementSql(table: string, column: GroupedColumn, ranks: number[]): string {
  const edges = upperEdges(column);
  const cumulative = edges.map((edge) => `sum(n) FILTER (WHERE v <= ${edge}::DOUBLE)`);
  const order = ranks.map((rank) => `min(v) FILTER (WHERE below + n > ${rank})`);
  return `WITH g AS (SELECT ${column.value} AS v, count(*) AS n FROM ${table} WHERE ${column.value} IS NOT NULL GROUP BY v),
    c AS (SELECT v, n, coalesce(sum(n) OVER (ORDER BY v ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS below FROM g)
    SELECT count(*), ${[...cumulative, ...order, momentsSql(planOf(column), 'CAST(n AS HUGEINT)')].join(', ')} FROM c`;
}

function histogramEntries(column: GroupedColumn, cumulative: unknown[]): { key: number; value: number }[] {
  return upperEdges(column).map((edge, i) => ({ key: edge, value: Number(cumulative[i] ?? 0) - (i === 0 ? 0 : Number(cumulative[i - 1] ?? 0)) }));
}

/** Fills histogram, unique, moments and quantiles of each column's result (count, min, max known). */
export async function groupedIntegerStatistics(connection: DuckDBConnection, table: string, columns: GroupedColumn[], quantiles: readonly number[]): Promise<void> {
  for (const column of columns) {
    const { result } = column;
    const ranks = [...new Set(quantiles.flatMap((q) => ranksOf((result.count - 1) * q, result.count)))];
    const [unique, ...fields] = (await queryRows(connection, statementSql(table, column, ranks)))[0] ?? [];
    const bins = upperEdges(column).length;
    const order = new Map(ranks.map((rank, i) => [rank, Number(fields[bins + i])]));
    const moments = readMoments(planOf(column), result.count, fields.slice(bins + ranks.length));
    Object.assign(result, {
      unique: Number(unique),
      histogram: readHistogram(result, histogramEntries(column, fields.slice(0, bins))),
      mean: moments.mean, variance: moments.variance, standardDeviation: moments.standardDeviation, momentsExact: moments.exact,
    });
    result.quantiles = quantiles.map((q) => interpolate(order, (result.count - 1) * q, result.count));
  }
}
