/**
 * The careful path: all columns are first stored as text, every candidate type is checked against
 * every value, columns with too many unparsable values are widened (Integer → Float → Text,
 * Date → DateTime → Text), and only then the typed table is built.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { conversionSql, toleranceFor, widerType, type ColumnType } from './inference.js';
import { queryRows, type LoadedColumn } from './loadedTable.js';
import { batchByWeight, columnIdent } from './sql.js';

const COLUMNS_PER_QUERY = 200;
const ZERO_PADDED_SQL = `'[-+]?0[0-9]+'`;

interface Check { index: number; type: ColumnType }

function checkSql(check: Check): string {
  const ident = columnIdent(check.index);
  const parsed = conversionSql(check.type, ident, true, 'TRY_CAST');
  const numeric = check.type.format === 'plain' && (check.type.dataType === 'sc:Integer' || check.type.dataType === 'sc:Float');
  const padded = numeric ? `count_if(regexp_full_match(${ident}, ${ZERO_PADDED_SQL}))` : '0';
  return `count(${ident}), count(${parsed}), ${padded}`;
}

async function runChecks(connection: DuckDBConnection, raw: string, checks: Check[]): Promise<Map<number, number[]>> {
  const results = new Map<number, number[]>();
  for (const batch of batchByWeight(checks, () => 1, COLUMNS_PER_QUERY, COLUMNS_PER_QUERY)) {
    const rows = await queryRows(connection, `SELECT ${batch.map(checkSql).join(', ')} FROM ${raw}`);
    const values = (rows[0] ?? []).map(Number);
    batch.forEach((check, i) => results.set(check.index, values.slice(i * 3, i * 3 + 3)));
  }
  return results;
}

/** Verifies (and widens where needed) the candidate types against all values of the raw text table. */
export async function verifyTypes(connection: DuckDBConnection, raw: string, candidates: ColumnType[]): Promise<{ types: ColumnType[]; unparsed: number[] }> {
  const types = [...candidates];
  const unparsed = types.map(() => 0);
  let pending: Check[] = types.map((type, index) => ({ index, type })).filter((c) => c.type.dataType !== 'sc:Text');
  while (pending.length > 0) {
    const results = await runChecks(connection, raw, pending);
    const next: Check[] = [];
    for (const check of pending) {
      const [nonMissing = 0, parsed = 0, padded = 0] = results.get(check.index) ?? [];
      const failed = nonMissing - parsed;
      if (padded === 0 && failed <= toleranceFor(nonMissing)) {
        unparsed[check.index] = failed;
        continue;
      }
      const wider = padded > 0 ? widerType({ ...check.type, dataType: 'sc:Text' }) : widerType(check.type);
      types[check.index] = wider;
      if (wider.dataType !== 'sc:Text') next.push({ index: check.index, type: wider });
    }
    pending = next;
  }
  return { types, unparsed };
}

/** Builds the typed table from the raw text table (TRY_CAST: failures were counted by verifyTypes). */
export async function buildTypedFromRaw(connection: DuckDBConnection, raw: string, typed: string, columns: LoadedColumn[]): Promise<void> {
  const select = columns.map((column, index) => `${conversionSql(column.type, columnIdent(index), true, 'TRY_CAST')} AS ${columnIdent(index)}`);
  await connection.run(`CREATE TABLE ${typed} AS SELECT ${select.join(', ') || '1 AS dummy'} FROM ${raw}`);
}
