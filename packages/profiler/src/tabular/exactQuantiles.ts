/**
 * Exact quantiles of large columns without holding the column in memory: order statistics are
 * found by repeated bucketing. Each round counts the values of the current value range in 1024
 * equal-width buckets (one streaming GROUP BY), keeps the bucket that holds the wanted rank, and
 * narrows the range to that bucket's actual [min, max]; once a range holds few values (or one
 * distinct value) the rank is read from the range's smallest values (see readPending). Bucketing (v - lo) / (hi - lo) is
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

interface Pending { rank: number; range: Range }

/** Narrows `rank` until its range is small (or holds one value); returns the value when known. */
async function narrowRank(connection: DuckDBConnection, table: string, value: string, start: Range, rank: number, cache: Map<string, Bucket[]>): Promise<number | Pending> {
  let range = start;
  for (;;) {
    if (range.lo === range.hi) return range.lo;
    if (range.count <= DIRECT_LIMIT) return { rank, range };
    const key = `${range.lo}:${range.hi}`;
    const buckets = cache.get(key) ?? (await bucketsOf(connection, table, value, range));
    cache.set(key, buckets);
    const next = narrow(range, buckets, rank);
    // No progress only happens with a range too wide for doubles (±1e308): sort it instead.
    if (next.count === range.count) return { rank, range };
    range = next;
  }
}

/**
 * Reads all pending ranks in one scan: per distinct final range, min(v, n) keeps the n smallest
 * values of the range (a bounded heap, n <= DIRECT_LIMIT), and the wanted ranks are picked from it.
 */
async function readPending(connection: DuckDBConnection, table: string, value: string, pending: Pending[]): Promise<Map<number, number>> {
  const ranges = [...new Map(pending.map((p) => [`${p.range.lo}:${p.range.hi}`, p.range])).values()];
  const inRange = (range: Range) => pending.filter((p) => p.range.lo === range.lo && p.range.hi === range.hi);
  const smallest = ranges.map((r) => {
    const n = Math.max(...inRange(r).map((p) => p.rank - r.below)) + 1;
    return `min(${value}, ${n}) FILTER (WHERE ${value} BETWEEN ${literal(r.lo)} AND ${literal(r.hi)})`;
  });
  const row = (await queryRows(connection, `SELECT ${smallest.join(', ')} FROM ${table}`))[0] ?? [];
  const values = new Map<number, number>();
  ranges.forEach((range, g) => {
    const sorted = (row[g] as unknown[] | null) ?? [];
    for (const { rank } of inRange(range)) values.set(rank, Number(sorted[rank - range.below]));
  });
  return values;
}

/** Values of the given 0-based ranks among the non-null values of `value` (an SQL expression of type DOUBLE). */
async function orderStatistics(connection: DuckDBConnection, table: string, value: string, start: Range, ranks: number[]): Promise<Map<number, number>> {
  const cache = new Map<string, Bucket[]>();
  const known = new Map<number, number>();
  const pending: Pending[] = [];
  for (const rank of new Set(ranks)) {
    const found = await narrowRank(connection, table, value, start, rank, cache);
    if (typeof found === 'number') known.set(rank, found);
    else pending.push(found);
  }
  if (pending.length > 0) for (const [rank, v] of await readPending(connection, table, value, pending)) known.set(rank, v);
  return known;
}

/** Quantiles by linear interpolation between closest ranks (numpy's default, DuckDB's quantile_cont). */
export async function exactQuantiles(connection: DuckDBConnection, table: string, value: string, stats: { count: number; min: number; max: number }, quantiles: readonly number[]): Promise<(number | null)[]> {
  const start: Range = { lo: stats.min, hi: stats.max, below: 0, count: stats.count };
  const positions = quantiles.map((q) => (stats.count - 1) * q);
  const ranks = positions.flatMap((p) => [Math.floor(p), Math.min(Math.floor(p) + 1, stats.count - 1)]);
  const values = await orderStatistics(connection, table, value, start, ranks);
  return positions.map((position) => {
    const low = values.get(Math.floor(position));
    const high = values.get(Math.min(Math.floor(position) + 1, stats.count - 1));
    if (low === undefined || high === undefined) return null;
    return finiteOrNull(low + (high - low) * (position - Math.floor(position)));
  });
}
