/**
 * In-memory rows (an Excel sheet): cells become text the way a CSV export would write them, and
 * then get the same inference as a delimited file, over all values.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { uniqueColumnNames } from './columnNames.js';
import { uniqueTableName } from './engine.js';
import { countRows, dropTables, queryRows, type LoadedTable } from './loadedTable.js';
import { inferColumnTypes } from './rowInference.js';
import { columnIdent } from './sql.js';
import { buildTypedFromRaw, verifyTypes } from './typedFromRaw.js';

function isoDate(date: Date): string | null {
  if (Number.isNaN(date.getTime())) return null;
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 23).replace(/\.000$/, '');
}

/** A cell as CSV text: numbers in shortest round-trip form, dates as ISO (UTC), null for empty; tokens stay (missing.ts). */
function cellToText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return isoDate(value);
  return JSON.stringify(value) ?? null;
}

async function appendRows(connection: DuckDBConnection, table: string, width: number, rows: (string | null)[][]): Promise<void> {
  const columns = Array.from({ length: width }, (_, i) => `${columnIdent(i)} VARCHAR`).join(', ');
  await connection.run(`CREATE TABLE ${table} (${columns})`);
  const schema = (await queryRows(connection, 'SELECT current_schema()'))[0]?.[0] as string;
  const appender = await connection.createAppender(table, schema);
  for (const row of rows) {
    for (let i = 0; i < width; i += 1) {
      const cell = row[i];
      if (cell === null || cell === undefined) appender.appendNull();
      else appender.appendVarchar(cell);
    }
    appender.endRow();
  }
  appender.closeSync();
}

export async function loadRows(connection: DuckDBConnection, columnNames: string[], rows: unknown[][]): Promise<LoadedTable> {
  const table = uniqueTableName('rows');
  if (columnNames.length === 0) return { parts: [], columns: [], rowCount: rows.length, skippedRows: 0, warnings: ['the sheet has no columns'] };
  const raw = `${table}_text`;
  const names = uniqueColumnNames(columnNames);
  const width = names.length;
  const texts = rows.map((row) => Array.from({ length: width }, (_, i) => cellToText(row[i])));
  const extra = rows.filter((row) => row.length > width).length;
  try {
    await appendRows(connection, raw, width, texts);
    const indexes = names.map((_, i) => i);
    const { types, unparsed } = await verifyTypes(connection, raw, inferColumnTypes(texts, width, ','), indexes);
    const columns = names.map((name, i) => ({ name, type: types[i]!, unparsedCount: unparsed[i] ?? 0 }));
    await buildTypedFromRaw(connection, raw, table, types, indexes);
    const warnings = extra > 0 ? [`${extra} row(s) have more cells than column names; the extra cells are ignored`] : [];
    return { parts: [{ table, indexes }], columns, rowCount: await countRows(connection, table), skippedRows: 0, warnings };
  } finally {
    await dropTables(connection, [raw]);
  }
}
