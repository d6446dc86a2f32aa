/**
 * Long text columns of a delimited file are not stored in the loaded table, only a digest of each
 * value: its 64-bit hash, its length and whether it is a null-like token. Storing the texts costs
 * more than reading the file again (220 MB whose rows hold two texts of about 500 characters: the
 * load took 1.5 s with them and 0.6 s without), and under the memory limit they spill, so every
 * later scan pays again. The statistics stay exact: counts and lengths come from the digests,
 * distinct values from the hashes where no hash repeats, and whatever needs the values (the most
 * frequent ones, values sharing a hash) re-reads the file in the part's orderedSource. Where every
 * value is seen once the most frequent are the 5 smallest, and those are stored too: every value up
 * to the 5th smallest of the file's head, which bounds the file's 5 smallest from above.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from './loadedTable.js';
import { nullLikeSql } from './missing.js';
import { columnIdent, quoteLiteral } from './sql.js';
import { frequentByHash, textResult, TOP_VALUES, type TextResult } from './textStats.js';

/** A text column whose head values average at least this many characters is stored as digests. */
export const LONG_TEXT_CHARS = 80;

const hashIdent = (index: number): string => `h${index}`;
const lengthIdent = (index: number): string => `n${index}`;
const tokenIdent = (index: number): string => `k${index}`;
const smallIdent = (index: number): string => `s${index}`;

export interface TextDigest {
  index: number;
  /** The column's values up to the 5th smallest of the head are stored (textDigests.ts). */
  smallStored: boolean;
}

/**
 * The digest columns of column `index`, selected from the file as read (`c<index>`, VARCHAR), and
 * the values up to `smallestBound` when given (see headSmallestBound).
 */
export function digestSelectSql(index: number, smallestBound: string | undefined): string {
  const c = columnIdent(index);
  const digests = `CASE WHEN ${c} IS NOT NULL THEN hash(${c}) END AS ${hashIdent(index)}, length(${c}) AS ${lengthIdent(index)}, ${nullLikeSql(c)} AS ${tokenIdent(index)}`;
  return smallestBound === undefined ? digests : `${digests}, CASE WHEN ${c} <= ${quoteLiteral(smallestBound)} THEN ${c} END AS ${smallIdent(index)}`;
}

/**
 * Code point order, which is UTF-8 byte order and so DuckDB's: JavaScript's < compares UTF-16
 * units, which puts U+E000–U+FFFF after characters beyond U+FFFF.
 */
function compareCodePoints(a: string, b: string): number {
  const surrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdfff;
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const [x, y] = [a.charCodeAt(i), b.charCodeAt(i)];
    if (x === y) continue;
    if (surrogate(x) !== surrogate(y)) return surrogate(x) ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** The TOP_VALUES-th smallest of a head's values: the file's TOP_VALUES smallest are no larger. Undefined for fewer values. */
export function headSmallestBound(values: Iterable<unknown>): string | undefined {
  const smallest: string[] = [];
  for (const value of values) {
    if (typeof value !== 'string') continue;
    if (smallest.length === TOP_VALUES && compareCodePoints(value, smallest[TOP_VALUES - 1]!) >= 0) continue;
    smallest.push(value);
    smallest.sort(compareCodePoints);
    smallest.length = Math.min(smallest.length, TOP_VALUES);
  }
  return smallest.length === TOP_VALUES ? smallest[TOP_VALUES - 1] : undefined;
}

interface DigestCounts { index: number; singles: number; repeatedHashes: number; count: number; minLength: unknown; maxLength: unknown; nullLike: number }

async function digestCounts(connection: DuckDBConnection, table: string, index: number): Promise<DigestCounts> {
  const [h, n, k] = [hashIdent(index), lengthIdent(index), tokenIdent(index)];
  const sql = `SELECT * FROM
    (SELECT count(*) FILTER (WHERE n = 1), count(*) FILTER (WHERE n > 1) FROM (SELECT count(*) AS n FROM ${table} WHERE ${h} IS NOT NULL GROUP BY ${h})),
    (SELECT count(${h}), min(${n}), max(${n}), count_if(${k}) FROM ${table})`;
  const [singles, repeatedHashes, count, minLength, maxLength, nullLike] = (await queryRows(connection, sql))[0] ?? [];
  return { index, singles: Number(singles), repeatedHashes: Number(repeatedHashes), count: Number(count), minLength, maxLength, nullLike: Number(nullLike) };
}

/**
 * Every value is seen once: the most frequent ones are the smallest, in value order (as ORDER BY
 * n DESC, v), from the stored small values or else from the file. Fewer stored values than that
 * mean the head's bound missed (a head value the load did not read): those are read from the file.
 */
async function smallestValues(connection: DuckDBConnection, table: string, source: string, digests: TextDigest[], counts: Map<number, number>): Promise<Map<number, unknown[]>> {
  const smallest = new Map<number, unknown[]>();
  const read = async (from: string, ident: (index: number) => string, columns: TextDigest[]): Promise<void> => {
    if (columns.length === 0) return;
    const row = (await queryRows(connection, `SELECT ${columns.map((d) => `min(${ident(d.index)}, ${TOP_VALUES})`).join(', ')} FROM ${from}`))[0] ?? [];
    columns.forEach((d, k) => smallest.set(d.index, ((row[k] as unknown[] | null) ?? []).map((v) => ({ v, n: 1 }))));
  };
  await read(table, smallIdent, digests.filter((d) => d.smallStored));
  const complete = (d: TextDigest): boolean => (smallest.get(d.index)?.length ?? 0) >= Math.min(TOP_VALUES, counts.get(d.index) ?? 0);
  await read(source, columnIdent, digests.filter((d) => !d.smallStored || !complete(d)));
  return smallest;
}

/** Text statistics of the digested columns of `table`, whose values `source` re-reads. */
export async function digestedTextStatistics(connection: DuckDBConnection, table: string, source: string, digests: TextDigest[]): Promise<Map<number, TextResult>> {
  const counts: DigestCounts[] = [];
  for (const { index } of digests) counts.push(await digestCounts(connection, table, index));
  const allSingle = new Set(counts.filter((c) => c.count > 0 && c.repeatedHashes === 0).map((c) => c.index));
  const smallest = await smallestValues(connection, table, source, digests.filter((d) => allSingle.has(d.index)), new Map(counts.map((c) => [c.index, c.count])));
  const results = new Map<number, TextResult>();
  for (const c of counts) {
    // Where a hash repeats (a repeated value, or rarely two values sharing it), the values are read from the file.
    const h = hashIdent(c.index);
    const { unique, top } = allSingle.has(c.index) || c.count === 0
      ? { unique: c.singles, top: smallest.get(c.index) ?? [] }
      : await frequentByHash(connection, `(SELECT ${h} AS k FROM ${table} WHERE ${h} IS NOT NULL)`, source, columnIdent(c.index));
    results.set(c.index, textResult([unique, c.count, c.minLength, c.maxLength, c.nullLike, top]));
  }
  return results;
}
