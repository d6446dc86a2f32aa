/**
 * The careful path: all columns are first stored as text, every candidate type is checked against
 * every value, columns with too many unparsable values are widened (Integer → Float → Text,
 * Date → DateTime → Text), and only then the typed table is built.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { conversionSql, TEXT_TYPE, toleranceFor, widerType, type ColumnType } from './inference.js';
import { queryRows } from './loadedTable.js';
import { nullLikeSql } from './missing.js';
import { batchByWeight, columnIdent } from './sql.js';

const COLUMNS_PER_QUERY = 200;
const ZERO_PADDED_SQL = `'[-+]?0[0-9]+'`;

interface Check { index: number; type: ColumnType }

/** Integer and Date columns are also checked as their wider type, so `1.5` widens instead of failing. */
function widerCandidate(type: ColumnType): ColumnType | undefined {
  const wider = widerType(type);
  return type.format === 'plain' && wider.dataType !== 'sc:Text' ? wider : undefined;
}

function checkSql(check: Check): string {
  const ident = columnIdent(check.index);
  const parsed = conversionSql(check.type, ident, true, 'TRY_CAST');
  const wider = widerCandidate(check.type);
  const widerParsed = wider ? `count(${conversionSql(wider, ident, true, 'TRY_CAST')})` : `count(${parsed})`;
  const numeric = check.type.format === 'plain' && (check.type.dataType === 'sc:Integer' || check.type.dataType === 'sc:Float');
  const padded = numeric ? `count_if(regexp_full_match(${ident}, ${ZERO_PADDED_SQL}))` : '0';
  // Tokens are missing in a column of a non-text type (missing.ts): not values, so never unparsed.
  return `count_if(${ident} IS NOT NULL AND NOT ${nullLikeSql(ident)}), count(${parsed}), ${widerParsed}, ${padded}`;
}

const FIELDS = 4;

async function runChecks(connection: DuckDBConnection, raw: string, checks: Check[]): Promise<Map<number, number[]>> {
  const results = new Map<number, number[]>();
  for (const batch of batchByWeight(checks, () => 1, COLUMNS_PER_QUERY, COLUMNS_PER_QUERY)) {
    const rows = await queryRows(connection, `SELECT ${batch.map(checkSql).join(', ')} FROM ${raw}`);
    const values = (rows[0] ?? []).map(Number);
    batch.forEach((check, i) => results.set(check.index, values.slice(i * FIELDS, (i + 1) * FIELDS)));
  }
  return results;
}

type Verdict = { type: ColumnType; unparsed: number; done: boolean };

function judge(type: ColumnType, [nonMissing = 0, parsed = 0, widerParsed = 0, padded = 0]: number[]): Verdict {
  const tolerance = toleranceFor(nonMissing);
  if (padded > 0) return { type: TEXT_TYPE, unparsed: 0, done: true };
  const wider = widerCandidate(type);
  if (wider && widerParsed > parsed && nonMissing - widerParsed <= tolerance) return { type: wider, unparsed: nonMissing - widerParsed, done: true };
  if (nonMissing - parsed <= tolerance) return { type, unparsed: nonMissing - parsed, done: true };
  const next = widerType(type);
  return { type: next, unparsed: 0, done: next.dataType === 'sc:Text' };
}

/** Verifies (and widens where needed) the candidate types against all values of the raw text table. */
export async function verifyTypes(connection: DuckDBConnection, raw: string, candidates: ColumnType[], indexes: readonly number[]): Promise<{ types: ColumnType[]; unparsed: number[] }> {
  const types = [...candidates];
  const unparsed = types.map(() => 0);
  let pending: Check[] = indexes.map((index) => ({ index, type: types[index]! })).filter((c) => c.type.dataType !== 'sc:Text');
  while (pending.length > 0) {
    const results = await runChecks(connection, raw, pending);
    const next: Check[] = [];
    for (const check of pending) {
      const verdict = judge(check.type, results.get(check.index) ?? []);
      types[check.index] = verdict.type;
      unparsed[check.index] = verdict.unparsed;
      if (!verdict.done) next.push({ index: check.index, type: verdict.type });
    }
    pending = next;
  }
  return { types, unparsed };
}

/**
 * Builds the typed table from the raw text table (TRY_CAST: failures were counted by verifyTypes).
 * Returns the select list used, which types any text source of the same columns alike.
 */
export async function buildTypedFromRaw(connection: DuckDBConnection, raw: string, typed: string, types: ColumnType[], indexes: readonly number[]): Promise<string> {
  const select = indexes.map((index) => `${conversionSql(types[index]!, columnIdent(index), true, 'TRY_CAST')} AS ${columnIdent(index)}`).join(', ');
  await connection.run(`CREATE TABLE ${typed} AS SELECT ${select} FROM ${raw}`);
  return select;
}
