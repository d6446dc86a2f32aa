/**
 * After the fast typed load: integers were read as DOUBLE and dates as TIMESTAMP (see readType), so
 * one query finds fractions (→ sc:Float), times of day (→ sc:DateTime), non-finite floats and
 * integers too large for a double to hold exactly (→ the careful text path).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnType } from './inference.js';
import { queryRows } from './loadedTable.js';
import { batchByWeight, columnIdent } from './sql.js';

const COLUMNS_PER_QUERY = 200;
const EXACT_DOUBLE_INTEGER = 2 ** 53;

interface Check { index: number; type: ColumnType }

function checkSql({ index, type }: Check): string {
  const c = columnIdent(index);
  // NaN and ±inf fail abs(c) < 2^53 (DuckDB orders NaN above every number): one comparison covers them.
  if (type.dataType === 'sc:Integer') return `count_if(${c} <> round(${c})), count_if(NOT (abs(${c}) < ${EXACT_DOUBLE_INTEGER}))`;
  if (type.dataType === 'sc:Float') return `0, count_if(NOT isfinite(${c}))`;
  return `count_if(${c} <> date_trunc('day', ${c})), 0`;
}

function needsCheck(type: ColumnType): boolean {
  if (type.format !== 'plain') return false;
  return type.dataType === 'sc:Integer' || type.dataType === 'sc:Float' || type.dataType === 'sc:Date';
}

/** The corrected types, or undefined when the careful path must redo the load. */
export async function checkFastLoad(connection: DuckDBConnection, table: string, types: ColumnType[]): Promise<ColumnType[] | undefined> {
  const result = [...types];
  const checks = types.flatMap((type, index) => (needsCheck(type) ? [{ index, type }] : []));
  for (const batch of batchByWeight(checks, () => 1, COLUMNS_PER_QUERY, COLUMNS_PER_QUERY)) {
    const row = (await queryRows(connection, `SELECT ${batch.map(checkSql).join(', ')} FROM ${table}`))[0] ?? [];
    for (const [i, { index, type }] of batch.entries()) {
      const [widen, unsafe] = [Number(row[2 * i]), Number(row[2 * i + 1])];
      if (unsafe > 0) return undefined;
      if (widen > 0) result[index] = { ...type, dataType: type.dataType === 'sc:Integer' ? 'sc:Float' : 'sc:DateTime' };
    }
  }
  return result;
}
