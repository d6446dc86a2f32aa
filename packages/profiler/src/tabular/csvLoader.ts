/**
 * Loads a delimited file into a typed DuckDB table with one parse in the common case: the types
 * inferred from the head are given to read_csv, and any value that then fails to parse (a CAST
 * reject, or an error in a conversion) sends the file down the careful text-first path instead.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { uniqueColumnNames, generatedColumnNames } from './columnNames.js';
import { dropRejects, readCsvSql, summarizeRejects, type CsvReadOptions, type RejectSummary } from './csvRead.js';
import { encodingOfWholeFile, prepareCsvSource, type CsvSource } from './csvSource.js';
import { checkFastLoad } from './fastPathCheck.js';
import { modalFieldCount, sniffDialect, type SniffResult } from './dialect.js';
import { attachScratchDatabase, uniqueTableName, withoutInsertionOrder } from './engine.js';
import { conversionSql, readType, type ColumnType } from './inference.js';
import { columnRanges, countRows, dropTables, queryRows, type LoadedColumn, type LoadedTable, type TablePart } from './loadedTable.js';
import { tokensAsNullSql } from './missing.js';
import { inferColumnTypes, typedColumnsWithTokens } from './rowInference.js';
import { columnIdent } from './sql.js';
import { buildTypedFromRaw, verifyTypes } from './typedFromRaw.js';

/** Cells read for type inference: many rows for narrow files, fewer (at least 100) for wide ones. */
const INFERENCE_CELLS = 2_000_000;
const INFERENCE_MAX_ROWS = 20_000;

class InvalidEncodingError extends Error {}

/** The table is as wide as most data rows; header names are padded (Unnamed: i) or cut to that width. */
function columnNamesOf(sniff: SniffResult, warnings: string[]): string[] {
  const [first = [], ...data] = sniff.head.records;
  if (!sniff.header) return generatedColumnNames(modalFieldCount(sniff.head.records).count);
  const width = data.length > 0 ? modalFieldCount(data).count : first.length;
  if (width !== first.length) warnings.push(`the header has ${first.length} fields but most rows have ${width}`);
  return uniqueColumnNames(Array.from({ length: width }, (_, i) => first[i]));
}

type BaseOptions = Omit<CsvReadOptions, 'readTypes'> & { rejectsTable: string };

/** read_csv parses every column; only the projected ones (`indexes`) are materialized. */
function readTypesFor(width: number, indexes: readonly number[], typeOf: (index: number) => string): string[] {
  const types = Array<string>(width).fill('VARCHAR');
  for (const index of indexes) types[index] = typeOf(index);
  return types;
}

/** Candidate types, and which columns of a non-text candidate type hold null-like tokens in the head. */
async function inferFromHead(connection: DuckDBConnection, base: BaseOptions, width: number): Promise<{ types: ColumnType[]; withTokens: boolean[] }> {
  const limit = Math.max(100, Math.min(INFERENCE_MAX_ROWS, Math.floor(INFERENCE_CELLS / width)));
  const types: ColumnType[] = [];
  const withTokens: boolean[] = [];
  for (const indexes of columnRanges(width)) {
    const options = { ...base, readTypes: readTypesFor(width, indexes, () => 'VARCHAR') };
    try {
      const rows = await queryRows(connection, `SELECT ${indexes.map(columnIdent).join(', ')} FROM ${readCsvSql(options)} LIMIT ${limit}`);
      const partTypes = inferColumnTypes(rows, indexes.length, base.delimiter);
      types.push(...partTypes);
      withTokens.push(...typedColumnsWithTokens(rows, partTypes));
    } finally {
      await dropRejects(connection, base.rejectsTable);
    }
  }
  return { types, withTokens };
}

async function createTable(connection: DuckDBConnection, table: string, select: string, options: CsvReadOptions & BaseOptions): Promise<RejectSummary> {
  await connection.run(`CREATE TABLE ${table} AS SELECT ${select} FROM ${readCsvSql(options)}`);
  return summarizeRejects(connection, options.rejectsTable);
}

/** `orderedSource`: the part's typed columns re-read in file order (the loaded table has no order). */
interface PartLoad { summary: RejectSummary; types: ColumnType[]; unparsed: number[]; orderedSource: string }

function orderedSource(options: CsvReadOptions, select: string): string {
  return `(SELECT ${select} FROM ${readCsvSql({ ...options, rejectsTable: undefined })})`;
}

/**
 * A typed column whose head holds tokens is read as text and cast in SQL, tokens as NULL (read_csv's
 * null strings would apply to every column, text ones too). The others are parsed by read_csv; a
 * token met there only after the head is a cast error, which sends the part down the careful path.
 */
function fastColumn(type: ColumnType, index: number, withTokens: boolean): { readType: string; select: string } {
  const c = columnIdent(index);
  if (!withTokens || type.dataType === 'sc:Text') return { readType: readType(type), select: `${conversionSql(type, c, false, 'CAST')} AS ${c}` };
  const read = readType(type);
  const cleaned = tokensAsNullSql(c);
  const parsed = read === 'VARCHAR' ? cleaned : `CAST(${cleaned} AS ${read})`;
  return { readType: 'VARCHAR', select: `${conversionSql(type, parsed, false, 'CAST')} AS ${c}` };
}

/** Fast path; returns undefined when some value did not parse as its head-inferred type. */
async function loadTyped(connection: DuckDBConnection, base: BaseOptions, candidates: ColumnType[], part: TablePart, withTokens: boolean[]): Promise<PartLoad | undefined> {
  const columns = new Map(part.indexes.map((i) => [i, fastColumn(candidates[i]!, i, withTokens[i] ?? false)]));
  const options = { ...base, readTypes: readTypesFor(candidates.length, part.indexes, (i) => columns.get(i)!.readType) };
  const select = part.indexes.map((i) => columns.get(i)!.select).join(', ');
  const text: ColumnType = { dataType: 'sc:Text', format: 'plain', zoned: false };
  const partTypes = candidates.map((type, i) => (part.indexes.includes(i) ? type : text));
  try {
    const summary = await createTable(connection, part.table, select, options);
    if (summary.invalidEncoding > 0) throw new InvalidEncodingError();
    const types = summary.castErrors === 0 ? await checkFastLoad(connection, part.table, partTypes) : undefined;
    if (types) return { summary, types, unparsed: types.map(() => 0), orderedSource: orderedSource(options, select) };
  } catch (error) {
    if (error instanceof InvalidEncodingError || !/conver|cast/i.test((error as Error).message)) throw error;
  } finally {
    await dropRejects(connection, base.rejectsTable);
  }
  await dropTables(connection, [part.table]);
  return undefined;
}

/** Careful path: text table, full type verification, then the typed table. */
async function loadViaText(connection: DuckDBConnection, base: BaseOptions, candidates: ColumnType[], part: TablePart): Promise<PartLoad> {
  const raw = `${part.table}_text`;
  const options = { ...base, readTypes: readTypesFor(candidates.length, part.indexes, () => 'VARCHAR') };
  try {
    const summary = await createTable(connection, raw, part.indexes.map(columnIdent).join(', '), options);
    if (summary.invalidEncoding > 0) throw new InvalidEncodingError();
    const { types, unparsed } = await verifyTypes(connection, raw, candidates, part.indexes);
    const select = await buildTypedFromRaw(connection, raw, part.table, types, part.indexes);
    return { summary, types, unparsed, orderedSource: orderedSource(options, select) };
  } finally {
    await dropRejects(connection, base.rejectsTable);
    await dropTables(connection, [raw]);
  }
}

function emptyTable(source: CsvSource): LoadedTable {
  const dialect = { encoding: source.encoding, delimiter: ',', quote: '"', header: false };
  return { parts: [], columns: [], rowCount: 0, skippedRows: 0, warnings: ['the file has no content'], dialect };
}

async function loadSource(connection: DuckDBConnection, source: CsvSource, table: string): Promise<LoadedTable> {
  if (source.head.trim() === '') return emptyTable(source);
  const sniff = sniffDialect(source.head, source.complete);
  const warnings: string[] = [];
  const names = columnNamesOf(sniff, warnings);
  const base = { path: source.path, gzip: source.gzip, delimiter: sniff.delimiter, quote: sniff.quote, header: sniff.header, rejectsTable: `${table}_rejects` };
  const { types: candidates, withTokens } = await inferFromHead(connection, base, names.length);
  const types = [...candidates];
  const unparsed = candidates.map(() => 0);
  const ranges = columnRanges(names.length);
  const wide = ranges.length > 1;
  const catalog = await attachScratchDatabase(connection, wide ? 'disk' : 'memory');
  const parts: TablePart[] = ranges.map((indexes, i) => ({ table: `${catalog}.${table}_p${i}`, indexes }));
  let skipped: RejectSummary | undefined;
  for (const part of parts) {
    const load = async (): Promise<PartLoad> => (await loadTyped(connection, base, candidates, part, withTokens)) ?? (await loadViaText(connection, base, candidates, part));
    // Wide parts keep file order: re-reading thousands of columns per part for samples costs more than ordering saves.
    const loaded = wide ? await load() : await withoutInsertionOrder(connection, load);
    if (!wide) part.orderedSource = loaded.orderedSource;
    if (wide) await connection.run(`CHECKPOINT ${catalog}`);
    for (const i of part.indexes) [types[i], unparsed[i]] = [loaded.types[i]!, loaded.unparsed[i] ?? 0];
    skipped ??= loaded.summary; // every part reads the same rows, so structural rejects are the same
  }
  const columns: LoadedColumn[] = names.map((name, i) => ({ name, type: types[i]!, unparsedCount: unparsed[i] ?? 0 }));
  const dialect = { encoding: source.encoding, delimiter: sniff.delimiter, quote: sniff.quote, header: sniff.header };
  const rowCount = parts[0] ? await countRows(connection, parts[0].table) : 0;
  return { parts, columns, rowCount, skippedRows: skipped?.skippedRows ?? 0, warnings: [...warnings, ...(skipped?.warnings ?? [])], dialect };
}

/** The result re-reads the source in file order (orderedSource), so it owns the source until disposed. */
async function loadOwning(connection: DuckDBConnection, source: CsvSource, table: string): Promise<LoadedTable> {
  try {
    return { ...(await loadSource(connection, source, table)), dispose: source.dispose };
  } catch (error) {
    await source.dispose();
    throw error;
  }
}

export async function loadDelimited(connection: DuckDBConnection, path: string): Promise<LoadedTable> {
  const first = await prepareCsvSource(path);
  try {
    return await loadOwning(connection, first, uniqueTableName('csv'));
  } catch (error) {
    if (!(error instanceof InvalidEncodingError)) throw error;
    // Tables of the first attempt stay until closeConnection detaches the connection's scratch databases.
    const source = await prepareCsvSource(path, await encodingOfWholeFile(path, first.gzip));
    return await loadOwning(connection, source, uniqueTableName('csv'));
  }
}
