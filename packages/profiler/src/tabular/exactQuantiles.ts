/**
 * Exact quantiles of large columns without holding the column in memory: order statistics are
 * found by repeated bucketing. Each round counts the values of the current value range in 1024
 * equal-width buckets (one streaming GROUP BY), keeps the bucket that holds the wanted rank, and
 * narrows the range to that bucket's actual [min, max]; once a range holds few values (or one
 * distinct value) the rank is read from the range's smallest values (see readPending, one statement
 * for all columns). Bucketing (v - lo) / (hi - lo) is monotonic in v, so each bucket is a contiguous
 * value interval and the counts below it are exact.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { finiteOrNull } from './jsonValues.js';
import { queryRows } from './loadedTable.js';
import { batchByWeight } from './sql.js';

const BUCKETS = 1024;
/** A range with at most this many values is sorted directly. */
const DIRECT_LIMIT = 100_000;
/** Values held by the bounded heaps of one read query, across its columns. */
const VALUES_PER_READ = 1_000_000;
const COLUMNS_PER_READ = 50;

interface Range { lo: number; hi: number; below: number; count: number }
interface Bucket { count: number; min: number; max: number }

/** A string literal: JavaScript prints doubles so they parse back exactly (a decimal literal could round). */
function literal(x: number): string {
  return `CAST('${x}' AS DOUBLE)`;
}

/**
 * `whole`: the range is the column's [min, max], which holds every non-null value; IS NOT NULL
 * selects them at about two thirds of the cost of BETWEEN.
 */
async function bucketsOf(connection: DuckDBConnection, table: string, value: string, range: Range, whole: boolean): Promise<Bucket[]> {
  const bucket = `least(${BUCKETS - 1}, CAST(floor((${value} - ${literal(range.lo)}) / ${literal(range.hi - range.lo)} * ${BUCKETS}) AS INTEGER))`;
  const filter = whole ? `${value} IS NOT NULL` : `${value} BETWEEN ${literal(range.lo)} AND ${literal(range.hi)}`;
  const rows = await queryRows(connection, `SELECT ${bucket} AS b, count(*), min(${value}), max(${value}) FROM ${table}
    WHERE ${filter} GROUP BY b ORDER BY b`);
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
    const buckets = cache.get(key) ?? (await bucketsOf(connection, table, value, range, range === start));
    cache.set(key, buckets);
    const next = narrow(range, buckets, rank);
    // No progress only happens with a range too wide for doubles (±1e308): sort it instead.
    if (next.count === range.count) return { rank, range };
    range = next;
  }
}

/**
 * The pending ranks of one column, to be read from the n smallest values of the union of their
 * ranges. Final ranges of different ranks are equal or disjoint (they are nodes of one bucket tree
 * and narrowing stops at the first small node), so a rank's position in the union is the count of
 * the ranges below its own plus its position within it.
 */
interface ColumnReads { value: string; ranges: Range[]; unionRanks: Map<number, number>; n: number }

function planReads(value: string, pending: Pending[]): ColumnReads {
  const ranges = [...new Map(pending.map((p) => [`${p.range.lo}:${p.range.hi}`, p.range])).values()].sort((a, b) => a.lo - b.lo);
  const unionRanks = new Map<number, number>();
  for (const { rank, range } of pending) {
    const before = ranges.filter((r) => r.hi < range.lo).reduce((sum, r) => sum + r.count, 0);
    unionRanks.set(rank, before + rank - range.below);
  }
  return { value, ranges, unionRanks, n: Math.max(...unionRanks.values()) + 1 };
}

function readSql(table: string, { value, ranges, n }: ColumnReads): string {
  const filter = ranges.map((r) => `${value} BETWEEN ${literal(r.lo)} AND ${literal(r.hi)}`).join(' OR ');
  return `(SELECT min(${value}, ${n}) FROM ${table} WHERE ${filter})`;
}

/**
 * Reads the pending ranks of many columns in one statement per batch: per column, min(v, n) over
 * its ranges keeps the n smallest values there (a bounded heap). Each column is its own scalar
 * subquery because a WHERE on the scan costs about two thirds of the same test as an aggregate
 * FILTER, which DuckDB evaluates row by row after the scan.
 */
async function readPending(connection: DuckDBConnection, table: string, reads: ColumnReads[]): Promise<Map<number, number>[]> {
  const results: Map<number, number>[] = [];
  for (const batch of batchByWeight(reads, (r) => r.n, VALUES_PER_READ, COLUMNS_PER_READ)) {
    const row = (await queryRows(connection, `SELECT ${batch.map((read) => readSql(table, read)).join(', ')}`))[0] ?? [];
    batch.forEach((read, i) => {
      const sorted = (row[i] as unknown[] | null) ?? [];
      results.push(new Map([...read.unionRanks].map(([rank, at]) => [rank, Number(sorted[at])])));
    });
  }
  return results;
}

interface Narrowed { known: Map<number, number>; pending: Pending[] }

/** Narrows every rank of one column (`value`, an SQL expression of type DOUBLE) among its non-null values. */
async function narrowRanks(connection: DuckDBConnection, table: string, value: string, start: Range, ranks: number[]): Promise<Narrowed> {
  const cache = new Map<string, Bucket[]>();
  const known = new Map<number, number>();
  const pending: Pending[] = [];
  for (const rank of new Set(ranks)) {
    const found = await narrowRank(connection, table, value, start, rank, cache);
    if (typeof found === 'number') known.set(rank, found);
    else pending.push(found);
  }
  return { known, pending };
}

export interface QuantileColumn { value: string; count: number; min: number; max: number }

export function ranksOf(position: number, count: number): [number, number] {
  return [Math.floor(position), Math.min(Math.floor(position) + 1, count - 1)];
}

export function interpolate(values: Map<number, number>, position: number, count: number): number | null {
  const [lowRank, highRank] = ranksOf(position, count);
  const low = values.get(lowRank);
  const high = values.get(highRank);
  if (low === undefined || high === undefined) return null;
  return finiteOrNull(low + (high - low) * (position - lowRank));
}

/**
 * Quantiles by linear interpolation between closest ranks (numpy's default, DuckDB's quantile_cont)
 * of each column (`value`: an SQL expression of type DOUBLE; count, min, max of its non-null values).
 */
export async function exactQuantiles(connection: DuckDBConnection, table: string, columns: QuantileColumn[], quantiles: readonly number[]): Promise<(number | null)[][]> {
  const narrowed: Narrowed[] = [];
  for (const { value, count, min, max } of columns) {
    const ranks = quantiles.flatMap((q) => ranksOf((count - 1) * q, count));
    narrowed.push(await narrowRanks(connection, table, value, { lo: min, hi: max, below: 0, count }, ranks));
  }
  const reading = columns.flatMap((c, i) => (narrowed[i]!.pending.length > 0 ? [{ i, read: planReads(c.value, narrowed[i]!.pending) }] : []));
  const read = await readPending(connection, table, reading.map((r) => r.read));
  reading.forEach(({ i }, k) => { for (const [rank, v] of read[k]!) narrowed[i]!.known.set(rank, v); });
  return columns.map((c, i) => quantiles.map((q) => interpolate(narrowed[i]!.known, (c.count - 1) * q, c.count)));
}
