/** Building read_csv calls with explicit (sniffed) options, and reading the rows DuckDB rejected. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from './loadedTable.js';
import { columnIdent, listLiteral, quoteLiteral } from './sql.js';

/**
 * Longest physical record DuckDB accepts; a 1 MB cell must fit comfortably. read_csv's buffers are
 * this size too (a record may straddle two): each reading thread pins them inside the memory limit.
 */
export const MAX_LINE_SIZE = 16 * 1024 * 1024;

export interface CsvReadOptions {
  path: string;
  gzip: boolean;
  delimiter: string;
  quote: string;
  header: boolean;
  /**
   * DuckDB type of each column, in file order. Only empty fields are NULL: null-like tokens arrive
   * as text, because whether they are missing depends on the column's type (missing.ts).
   */
  readTypes: string[];
  /**
   * Where rejected rows are recorded. Every read records them: without store_rejects, DuckDB 1.5.6's
   * parallel reader returned no rows at all from a file with a stray quote in one row.
   */
  rejectsTable: string;
  /** Rejected rows recorded per file (default: all); a bound for reads that only repeat a load's. */
  rejectsLimit?: number;
}

export function readCsvSql(options: CsvReadOptions): string {
  const rejects = `, store_rejects = true, rejects_table = ${quoteLiteral(options.rejectsTable)},
    rejects_scan = ${quoteLiteral(`${options.rejectsTable}_scan`)}, rejects_limit = ${options.rejectsLimit ?? 0}`;
  const columns = options.readTypes.map((type, index) => `${quoteLiteral(columnIdent(index))}: ${quoteLiteral(type)}`);
  return `read_csv(${quoteLiteral(options.path)}, header = ${options.header}, delim = ${quoteLiteral(options.delimiter)},
    quote = ${quoteLiteral(options.quote)}, escape = ${quoteLiteral(options.quote)}, nullstr = '',
    columns = {${columns.join(', ')}}, auto_detect = false, compression = ${options.gzip ? "'gzip'" : "'none'"},
    max_line_size = ${MAX_LINE_SIZE}, buffer_size = ${MAX_LINE_SIZE}, ignore_errors = true${rejects})`;
}

export interface RejectSummary {
  /** Rows dropped for their structure (field count, quoting, line size). */
  skippedRows: number;
  castErrors: number;
  invalidEncoding: number;
  warnings: string[];
}

/** Aggregated in SQL: a badly broken file can have millions of rejected rows. */
export async function summarizeRejects(connection: DuckDBConnection, rejectsTable: string): Promise<RejectSummary> {
  const kind = `CASE WHEN error_type::VARCHAR IN ('TOO MANY COLUMNS', 'MISSING COLUMNS') THEN 'wrong number of fields' ELSE lower(error_type::VARCHAR) END`;
  const rows = await queryRows(connection, `SELECT ${kind} AS kind, count(DISTINCT line), min(line) FROM ${rejectsTable} GROUP BY kind ORDER BY kind`);
  const summary: RejectSummary = { skippedRows: 0, castErrors: 0, invalidEncoding: 0, warnings: [] };
  for (const [kindName, count, first] of rows) {
    const lines = Number(count);
    if (kindName === 'cast') summary.castErrors += lines;
    else if (kindName === 'invalid encoding') summary.invalidEncoding += lines;
    else {
      summary.skippedRows += lines;
      summary.warnings.push(`${lines} row(s) skipped (${String(kindName)}), first at line ${Number(first)}`);
    }
  }
  return summary;
}

export async function dropRejects(connection: DuckDBConnection, rejectsTable: string): Promise<void> {
  await connection.run(`DROP TABLE IF EXISTS ${rejectsTable}`);
  await connection.run(`DROP TABLE IF EXISTS ${rejectsTable}_scan`);
}
