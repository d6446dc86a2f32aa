/** The intermediate result of every loader: a DuckDB table with typed positional columns c0..cN. */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnType } from './inference.js';
import type { CsvDialect } from './types.js';

export interface LoadedColumn {
  name: string;
  type: ColumnType;
  /** Non-missing values that did not parse as `type` (they are NULL in the table). */
  unparsedCount: number;
}

export interface LoadedTable {
  /** Name of the typed table; column i is `c<i>`. */
  table: string;
  columns: LoadedColumn[];
  rowCount: number;
  skippedRows: number;
  warnings: string[];
  dialect?: CsvDialect;
}

export async function queryRows(connection: DuckDBConnection, sql: string): Promise<unknown[][]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowsJS() as unknown[][];
}

export async function countRows(connection: DuckDBConnection, table: string): Promise<number> {
  const rows = await queryRows(connection, `SELECT count(*) FROM ${table}`);
  return Number(rows[0]?.[0] ?? 0);
}

export async function dropTables(connection: DuckDBConnection, tables: readonly string[]): Promise<void> {
  for (const table of tables) await connection.run(`DROP TABLE IF EXISTS ${table}`);
}
