/** DuckDB results to JSON-safe values: no NaN/Infinity, no bigint, ISO strings for dates. */
import type { DataType } from './types.js';

export function finiteOrNull(value: unknown): number | null {
  const n = typeof value === 'bigint' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

/** Integers beyond 2^53 stay exact as strings rather than silently rounding. */
export function jsonValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}

/** SQL that selects a stored column in the form its JSON value is built from. */
export function jsonSelectSql(dataType: DataType, ident: string): string {
  // Integers and dates may be stored as DOUBLE / TIMESTAMP by the fast path (see readType).
  if (dataType === 'sc:Integer') return `CAST(${ident} AS BIGINT)`;
  if (dataType === 'sc:Date') return `CAST(CAST(${ident} AS DATE) AS VARCHAR)`;
  if (dataType === 'sc:DateTime') return `replace(CAST(${ident} AS VARCHAR), ' ', 'T')`;
  return ident;
}
