/** Building read_csv calls with explicit (sniffed) options, and reading the rows DuckDB rejected. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from './loadedTable.js';
import { NA_STRINGS } from './missing.js';
import { columnIdent, listLiteral, quoteLiteral } from './sql.js';

/** Longest physical record DuckDB accepts; a 1 MB cell must fit comfortably. */
const MAX_LINE_SIZE = 16 * 1024 * 1024;

export interface CsvReadOptions {
  path: string;
  gzip: boolean;
  delimiter: string;
  quote: string;
  header: boolean;
  /** DuckDB type of each column, in file order. */
  readTypes: string[];
  rejectsTable: string;
}

export function readCsvSql(options: CsvReadOptions): string {
  const columns = options.readTypes.map((type, index) => `${quoteLiteral(columnIdent(index))}: ${quoteLiteral(type)}`);
  return `read_csv(${quoteLiteral(options.path)}, header = ${options.header}, delim = ${quoteLiteral(options.delimiter)},
    quote = ${quoteLiteral(options.quote)}, escape = ${quoteLiteral(options.quote)}, nullstr = ${listLiteral(NA_STRINGS)},
    columns = {${columns.join(', ')}}, auto_detect = false, compression = ${options.gzip ? "'gzip'" : "'none'"},
    max_line_size = ${MAX_LINE_SIZE}, buffer_size = ${MAX_LINE_SIZE * 2}, ignore_errors = true, store_rejects = true,
    rejects_table = ${quoteLiteral(options.rejectsTable)}, rejects_scan = ${quoteLiteral(`${options.rejectsTable}_scan`)})`;
}

export interface RejectSummary {
  /** Rows dropped for their structure (field count, quoting, line size). */
  skippedRows: number;
  castErrors: number;
  invalidEncoding: number;
  warnings: string[];
}

function describe(type: string, rows: number, firstLine: number): string {
  const what = type === 'TOO MANY COLUMNS' || type === 'MISSING COLUMNS' ? 'wrong number of fields' : type.toLowerCase();
  return `${rows} row(s) skipped (${what}), first at line ${firstLine}`;
}

export async function summarizeRejects(connection: DuckDBConnection, rejectsTable: string): Promise<RejectSummary> {
  const rows = await queryRows(connection,
    `SELECT error_type::VARCHAR, count(DISTINCT line), min(line) FROM ${rejectsTable} GROUP BY 1 ORDER BY 1`);
  const summary: RejectSummary = { skippedRows: 0, castErrors: 0, invalidEncoding: 0, warnings: [] };
  for (const [type, count, first] of rows) {
    const n = Number(count);
    if (type === 'CAST') summary.castErrors += n;
    else if (type === 'INVALID ENCODING') summary.invalidEncoding += n;
    else {
      summary.skippedRows += n;
      summary.warnings.push(describe(String(type), n, Number(first)));
    }
  }
  return summary;
}

export async function dropRejects(connection: DuckDBConnection, rejectsTable: string): Promise<void> {
  await connection.run(`DROP TABLE IF EXISTS ${rejectsTable}`);
  await connection.run(`DROP TABLE IF EXISTS ${rejectsTable}_scan`);
}
