/**
 * Loads a delimited file into a typed DuckDB table with one parse in the common case: the types
 * inferred from the head are given to read_csv, and any value that then fails to parse (a CAST
 * reject, or an error in a conversion) sends the file down the careful text-first path instead.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { uniqueColumnNames, generatedColumnNames } from './columnNames.js';
import { dropRejects, readCsvSql, summarizeRejects, type CsvReadOptions, type RejectSummary } from './csvRead.js';
import { encodingOfWholeFile, prepareCsvSource, type CsvSource } from './csvSource.js';
import { sniffDialect, type SniffResult } from './dialect.js';
import { uniqueTableName } from './engine.js';
import { conversionSql, readType, type ColumnType } from './inference.js';
import { countRows, dropTables, queryRows, type LoadedColumn, type LoadedTable } from './loadedTable.js';
import { inferColumnTypes } from './rowInference.js';
import { columnIdent } from './sql.js';
import { buildTypedFromRaw, verifyTypes } from './typedFromRaw.js';

/** Cells read for type inference: many rows for narrow files, fewer (at least 100) for wide ones. */
const INFERENCE_CELLS = 2_000_000;
const INFERENCE_MAX_ROWS = 20_000;

class InvalidEncodingError extends Error {}

function modalWidth(records: string[][]): number {
  const frequency = new Map<number, number>();
  let best = 0;
  for (const record of records) {
    const times = (frequency.get(record.length) ?? 0) + 1;
    frequency.set(record.length, times);
    if (times > (frequency.get(best) ?? 0) || (times === frequency.get(best) && record.length > best)) best = record.length;
  }
  return best;
}

/** The table is as wide as most data rows; header names are padded (Unnamed: i) or cut to that width. */
function columnNamesOf(sniff: SniffResult, warnings: string[]): string[] {
  const [first = [], ...data] = sniff.head.records;
  if (!sniff.header) return generatedColumnNames(modalWidth(sniff.head.records));
  const width = data.length > 0 ? modalWidth(data) : first.length;
  if (width !== first.length) warnings.push(`the header has ${first.length} fields but most rows have ${width}`);
  return uniqueColumnNames(Array.from({ length: width }, (_, i) => first[i]));
}

async function inferFromHead(connection: DuckDBConnection, base: Omit<CsvReadOptions, 'readTypes'>, width: number): Promise<ColumnType[]> {
  const limit = Math.max(100, Math.min(INFERENCE_MAX_ROWS, Math.floor(INFERENCE_CELLS / width)));
  const options = { ...base, readTypes: Array<string>(width).fill('VARCHAR') };
  try {
    const rows = await queryRows(connection, `SELECT * FROM ${readCsvSql(options)} LIMIT ${limit}`);
    return inferColumnTypes(rows, width, base.delimiter);
  } finally {
    await dropRejects(connection, base.rejectsTable);
  }
}

async function createTable(connection: DuckDBConnection, table: string, select: string, options: CsvReadOptions): Promise<RejectSummary> {
  await connection.run(`CREATE TABLE ${table} AS SELECT ${select} FROM ${readCsvSql(options)}`);
  return summarizeRejects(connection, options.rejectsTable);
}

/** Fast path; returns undefined when some value did not parse as its head-inferred type. */
async function loadTyped(connection: DuckDBConnection, base: Omit<CsvReadOptions, 'readTypes'>, types: ColumnType[], table: string): Promise<RejectSummary | undefined> {
  const options = { ...base, readTypes: types.map(readType) };
  const select = types.map((type, i) => `${conversionSql(type, columnIdent(i), false, 'CAST')} AS ${columnIdent(i)}`).join(', ');
  try {
    const summary = await createTable(connection, table, select, options);
    if (summary.invalidEncoding > 0) throw new InvalidEncodingError();
    if (summary.castErrors === 0) return summary;
  } catch (error) {
    if (error instanceof InvalidEncodingError || !/conver|cast/i.test((error as Error).message)) throw error;
  } finally {
    await dropRejects(connection, base.rejectsTable);
  }
  await dropTables(connection, [table]);
  return undefined;
}

/** Careful path: text table, full type verification, then the typed table. */
async function loadViaText(connection: DuckDBConnection, base: Omit<CsvReadOptions, 'readTypes'>, candidates: ColumnType[], table: string): Promise<{ summary: RejectSummary; types: ColumnType[]; unparsed: number[] }> {
  const raw = `${table}_text`;
  const options = { ...base, readTypes: candidates.map(() => 'VARCHAR') };
  try {
    const select = candidates.map((_, i) => columnIdent(i)).join(', ');
    const summary = await createTable(connection, raw, select, options);
    if (summary.invalidEncoding > 0) throw new InvalidEncodingError();
    const { types, unparsed } = await verifyTypes(connection, raw, candidates);
    await buildTypedFromRaw(connection, raw, table, types.map((type, i) => ({ name: '', type, unparsedCount: unparsed[i] ?? 0 })));
    return { summary, types, unparsed };
  } finally {
    await dropRejects(connection, base.rejectsTable);
    await dropTables(connection, [raw]);
  }
}

function emptyTable(source: CsvSource, table: string): LoadedTable {
  const dialect = { encoding: source.encoding, delimiter: ',', quote: '"', header: false };
  return { table, columns: [], rowCount: 0, skippedRows: 0, warnings: ['the file has no content'], dialect };
}

async function loadSource(connection: DuckDBConnection, source: CsvSource, table: string): Promise<LoadedTable> {
  if (source.head.trim() === '') return emptyTable(source, table);
  const sniff = sniffDialect(source.head, source.complete);
  const warnings: string[] = [];
  const names = columnNamesOf(sniff, warnings);
  const base = { path: source.path, gzip: source.gzip, delimiter: sniff.delimiter, quote: sniff.quote, header: sniff.header, rejectsTable: `${table}_rejects` };
  const candidates = await inferFromHead(connection, base, names.length);
  let types = candidates;
  let unparsed = candidates.map(() => 0);
  let summary = await loadTyped(connection, base, candidates, table);
  if (!summary) ({ summary, types, unparsed } = await loadViaText(connection, base, candidates, table));
  const columns: LoadedColumn[] = names.map((name, i) => ({ name, type: types[i]!, unparsedCount: unparsed[i] ?? 0 }));
  const dialect = { encoding: source.encoding, delimiter: sniff.delimiter, quote: sniff.quote, header: sniff.header };
  const rowCount = await countRows(connection, table);
  return { table, columns, rowCount, skippedRows: summary.skippedRows, warnings: [...warnings, ...summary.warnings], dialect };
}

export async function loadDelimited(connection: DuckDBConnection, path: string): Promise<LoadedTable> {
  const table = uniqueTableName('csv');
  let source = await prepareCsvSource(path);
  try {
    return await loadSource(connection, source, table);
  } catch (error) {
    if (!(error instanceof InvalidEncodingError)) throw error;
    await dropTables(connection, [table]);
    await source.dispose();
    source = await prepareCsvSource(path, await encodingOfWholeFile(path, source.gzip));
    return await loadSource(connection, source, table);
  } finally {
    await source.dispose();
  }
}
