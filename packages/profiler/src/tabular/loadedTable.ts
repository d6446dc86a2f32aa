/**
 * The intermediate result of every loader: typed DuckDB tables whose columns are named by their
 * position in the file (c0..cN). Wide files are split into parts of at most COLUMNS_PER_PART columns,
 * because DuckDB materializes every projected column of a chunk at once; all parts hold the same
 * rows in the same order.
 */
import type { DuckDBConnection, DuckDBDataChunk } from '@duckdb/node-api';
import type { ColumnType } from './inference.js';
import type { TextDigest } from './textDigests.js';
import type { CsvDialect } from './types.js';

export interface LoadedColumn {
  name: string;
  type: ColumnType;
  /** Non-missing values that did not parse as `type` (they are NULL in the table). */
  unparsedCount: number;
}

const COLUMNS_PER_PART = 500;

export interface TablePart {
  table: string;
  /** Column positions stored in this table (column i is `c<i>`). */
  indexes: number[];
  /**
   * A FROM item yielding the same typed columns in file order, for tables loaded without
   * insertion order (rowid order is then arbitrary); absent when the table is in file order.
   */
  orderedSource?: string;
  /**
   * Long text columns stored only as digests (textDigests.ts): their values are read from
   * orderedSource, which every part with digests has.
   */
  digests?: TextDigest[];
}

export interface LoadedTable {
  parts: TablePart[];
  columns: LoadedColumn[];
  rowCount: number;
  skippedRows: number;
  warnings: string[];
  dialect?: CsvDialect;
  /** Releases what orderedSource reads (a transcoded copy of the file); call when profiling is done. */
  dispose?: () => Promise<void>;
}

/**
 * Rows as JS values. Converted column by column, then transposed: the reader's row-wise conversion
 * crosses into the native vectors once per cell and is about 8 times slower (20,000 rows of 43
 * columns: 820 ms against 110 ms), and a file's head and its samples are read this way.
 */
export async function queryRows(connection: DuckDBConnection, sql: string): Promise<unknown[][]> {
  const reader = await connection.runAndReadAll(sql);
  const columns = reader.getColumnsJS() as unknown[][];
  return Array.from({ length: reader.currentRowCount }, (_, row) => columns.map((column) => column[row]));
}

/** A query's result, converted to JS values one column at a time and only as far as it is read. */
export interface ColumnReader {
  rowCount: number;
  values: (column: number) => Iterable<unknown>;
}

export async function queryColumns(connection: DuckDBConnection, sql: string): Promise<ColumnReader> {
  const result = await connection.run(sql);
  const chunks: DuckDBDataChunk[] = [];
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) chunks.push(chunk);
  function* values(column: number): Iterable<unknown> {
    for (const chunk of chunks) yield* chunk.getColumnValues(column);
  }
  return { rowCount: chunks.reduce((sum, chunk) => sum + chunk.rowCount, 0), values };
}

export async function countRows(connection: DuckDBConnection, table: string): Promise<number> {
  const rows = await queryRows(connection, `SELECT count(*) FROM ${table}`);
  return Number(rows[0]?.[0] ?? 0);
}

export async function dropTables(connection: DuckDBConnection, tables: readonly string[]): Promise<void> {
  for (const table of tables) await connection.run(`DROP TABLE IF EXISTS ${table}`);
}

export function columnRanges(width: number): number[][] {
  const ranges: number[][] = [];
  for (let start = 0; start < width; start += COLUMNS_PER_PART) {
    ranges.push(Array.from({ length: Math.min(COLUMNS_PER_PART, width - start) }, (_, i) => start + i));
  }
  return ranges;
}
