/**
 * Exact quantiles of large columns without holding the column in memory: order statistics are
 * found by repeated bucketing. Each round counts the values of the current value range in 1024
 * equal-width buckets (one streaming GROUP BY), keeps the bucket that holds the wanted rank, and
 * narrows the range to that bucket's actual [min, max]; once a range holds few values (or one
 * distinct value) the rank is read with ORDER BY ... OFFSET. Bucketing (v - lo) / (hi - lo) is
 * monotonic in v, so each bucket is a contiguous value interval and the counts below it are exact.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { finiteOrNull } from './jsonValues.js';
import { queryRows } from './loadedTable.js';

const BUCKETS = 1024;
/** A range with at most this many values is sorted directly. */
const DIRECT_LIMIT = 100_000;

interface Range { lo: number; hi: number; below: number; count: number }
interface Bucket { count: number; min: number; max: number }

function literal(x: number): string {
  return `CAST(${x} AS DOUBLE)`;
}

async function bucketsOf(connection: DuckDBConnection, table: string, value: string, range: Range): Promise<Bucket[]> {
  const bucket = `least(${BUCKETS - 1}, CAST(floor((${value} - ${literal(range.lo)}) / ${literal(range.hi - range.lo)} * ${BUCKETS}) AS INTEGER))`;
  const rows = await queryRows(connection, `SELECT ${bucket} AS b, count(*), min(${value}), max(${value}) FROM ${table}
    WHERE ${value} BETWEEN ${literal(range.lo)} AND ${literal(range.hi)} GROUP BY b ORDER BY b`);
  return rows.map((row) => ({ count: Number(row[1]), min: Number(row[2]), max: Number(row[3]) }));
}

function narrow(range: Range, buckets: Bucket[], rank: number): Range {
  let below = range.below;
  for (const bucket of buckets) {
    if (rank < below + bucket.count) return { lo: bucket.min, hi: bucket.max, below, count: bucket.count };
    below += bucket.count;
  }
  throw new Error(`rank ${rank} is outside the column`);
}

async function direct(connection: DuckDBConnection, table: string, value: string, range: Range, rank: number): Promise<number> {
  const rows = await queryRows(connection, `SELECT ${value} FROM ${table} WHERE ${value} BETWEEN ${literal(range.lo)} AND ${literal(range.hi)}
    ORDER BY 1 LIMIT 1 OFFSET ${rank - range.below}`);
  return Number(rows[0]?.[0]);
}

/** The value of 0-based `rank` among the non-null values of `value` (an SQL expression of type DOUBLE). */
async function orderStatistic(connection: DuckDBConnection, table: string, value: string, start: Range, rank: number, cache: Map<string, Bucket[]>): Promise<number> {
  let range = start;
  for (;;) {
    if (range.lo === range.hi) return range.lo;
    if (range.count <= DIRECT_LIMIT) return direct(connection, table, value, range, rank);
    const key = `${range.lo}:${range.hi}`;
    const buckets = cache.get(key) ?? (await bucketsOf(connection, table, value, range));
    cache.set(key, buckets);
    const next = narrow(range, buckets, rank);
    // No progress only happens with a range too wide for doubles (±1e308): sort it instead.
    if (next.count === range.count) return direct(connection, table, value, range, rank);
    range = next;
  }
}

/** Quantiles by linear interpolation between closest ranks (numpy's default, DuckDB's quantile_cont). */
export async function exactQuantiles(connection: DuckDBConnection, table: string, value: string, stats: { count: number; min: number; max: number }, quantiles: readonly number[]): Promise<(number | null)[]> {
  const start: Range = { lo: stats.min, hi: stats.max, below: 0, count: stats.count };
  const cache = new Map<string, Bucket[]>();
  const results: (number | null)[] = [];
  for (const q of quantiles) {
    const position = (stats.count - 1) * q;
    const lowRank = Math.floor(position);
    const low = await orderStatistic(connection, table, value, start, lowRank, cache);
    const fraction = position - lowRank;
    const high = fraction > 0 ? await orderStatistic(connection, table, value, start, lowRank + 1, cache) : low;
    results.push(finiteOrNull(low + (high - low) * fraction));
  }
  return results;
}
