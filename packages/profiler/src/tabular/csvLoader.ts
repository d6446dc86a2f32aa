/**
 * Loads a delimited file into a typed DuckDB table with one parse in the common case: the types
 * inferred from the head are given to read_csv, and any value that then fails to parse (a CAST
 * reject, or an error in a conversion) sends the file down the careful text-first path instead.
 */
import { stat } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { uniqueColumnNames, generatedColumnNames } from './columnNames.js';
import { dropRejects, readCsvSql, summarizeRejects, type CsvReadOptions, type RejectSummary } from './csvRead.js';
import { encodingOfWholeFile, prepareCsvSource, type CsvSource } from './csvSource.js';
import { checkFastLoad } from './fastPathCheck.js';
import { modalFieldCount, sniffDialect, type SniffResult } from './dialect.js';
import { isOutOfMemoryError } from './duckdbErrors.js';
import { attachScratchDatabase, columnsPerLoad, uniqueTableName, withoutInsertionOrder } from './engine.js';
import { conversionSql, readType, TEXT_TYPE, type ColumnType } from './inference.js';
import { columnRanges, countRows, dropTables, queryColumns, type LoadedColumn, type LoadedTable, type TablePart } from './loadedTable.js';
import { tokensAsNullSql } from './missing.js';
import { parseRecords } from './headParser.js';
import { inferColumn, surelyText, type InferredColumn } from './rowInference.js';
import { inferByShape } from './shapeInference.js';
import { batchByWeight, columnIdent } from './sql.js';
import { digestSelectSql, headSmallestBound, LONG_TEXT_CHARS, type TextDigest } from './textDigests.js';
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

type BaseOptions = Omit<CsvReadOptions, 'readTypes'>;

/** read_csv parses every column; only the projected ones (`indexes`) are materialized. */
function readTypesFor(width: number, indexes: readonly number[], typeOf: (index: number) => string): string[] {
  const types = Array<string>(width).fill('VARCHAR');
  for (const index of indexes) types[index] = typeOf(index);
  return types;
}

/** What the head tells of each column. */
interface HeadTypes {
  types: ColumnType[];
  /** The column's type is not text and its head holds null-like tokens. */
  withTokens: boolean[];
  /** A text column of long values (textDigests.ts). */
  long: boolean[];
  /** For long text columns, headSmallestBound of the head's values. */
  smallestBound: (string | undefined)[];
}

/** Columns a digested text stores (textDigests.ts), counted for columnsPerLoad. */
const DIGEST_COLUMNS = 3;

/** Head values a text column's typical length is taken from. */
const LENGTH_SAMPLE = 100;

function isLongText(values: readonly string[]): boolean {
  const sample = values.slice(0, LENGTH_SAMPLE);
  return sample.length > 0 && sample.reduce((sum, value) => sum + value.length, 0) / sample.length >= LONG_TEXT_CHARS;
}

/** The rows of the table's width (read_csv rejects the others), so they begin the rows read_csv reads. */
function dataRows(records: string[][], header: boolean, width: number): string[][] {
  return records.slice(header ? 1 : 0).filter((record) => record.length === width);
}

const nonEmptyValues = (rows: string[][], index: number): string[] => rows.flatMap((row) => (row[index] ? [row[index]] : []));

/** What the JavaScript parser read of the head: the sniffed records, and the whole head on demand. */
interface ParsedHead { sniffed: string[][]; whole: () => string[][] }

function parsedHead(source: CsvSource, sniff: SniffResult, width: number): ParsedHead {
  let whole: string[][] | undefined;
  const parse = (): string[][] => dataRows(parseRecords(source.head, sniff.delimiter, sniff.quote, INFERENCE_MAX_ROWS + 1, source.complete).records, sniff.header, width);
  return { sniffed: dataRows(sniff.head.records, sniff.header, width), whole: () => (whole ??= parse()) };
}

/**
 * Types come from read_csv's first rows: in SQL where every value has a plain shape
 * (shapeInference.ts), else from the values in JavaScript, which reads those rows a second time
 * for the columns left (no table is built for the head). Columns the sniffed records already show
 * to be text (surelyText) are not read again, which keeps long texts out of the converted head
 * (the 1 GB wide benchmark table's head took about 100 MB of native memory with them). A long
 * text's smallest-value bound comes from the whole parsed head: a bound from any of the file's
 * values bounds its smallest from above, and the digest statistics check it (textDigests.ts).
 */
async function inferFromHead(connection: DuckDBConnection, base: BaseOptions, width: number, parsed: ParsedHead): Promise<HeadTypes> {
  const limit = Math.max(100, Math.min(INFERENCE_MAX_ROWS, Math.floor(INFERENCE_CELLS / width)));
  const head: HeadTypes = { types: [], withTokens: [], long: [], smallestBound: [] };
  const headSql = (indexes: number[]): string => `(SELECT ${indexes.map(columnIdent).join(', ')} FROM ${readCsvSql({ ...base, readTypes: readTypesFor(width, indexes, () => 'VARCHAR') })} LIMIT ${limit})`;
  for (const indexes of columnRanges(width)) {
    const sniffed = new Map(indexes.map((i) => [i, nonEmptyValues(parsed.sniffed, i)]));
    const read = indexes.filter((i) => !surelyText(sniffed.get(i)!, limit));
    try {
      const shaped = read.length === 0 ? new Map<number, InferredColumn>() : await inferByShape(connection, headSql(read), read, base.delimiter);
      const rest = read.filter((i) => !shaped.has(i));
      const rows = rest.length === 0 ? undefined : await queryColumns(connection, `SELECT * FROM ${headSql(rest)}`);
      for (const index of indexes) {
        const position = rest.indexOf(index);
        const inferred = shaped.get(index) ?? (rows && position >= 0 ? inferColumn(rows.values(position), rows.rowCount, base.delimiter) : { type: TEXT_TYPE, withTokens: false });
        const long = inferred.type.dataType === 'sc:Text' && isLongText(sniffed.get(index)!);
        head.types.push(inferred.type);
        head.withTokens.push(inferred.withTokens);
        head.long.push(long);
        head.smallestBound.push(long ? headSmallestBound(nonEmptyValues(parsed.whole(), index)) : undefined);
      }
    } finally {
      await dropRejects(connection, base.rejectsTable);
    }
  }
  return head;
}

async function createTable(connection: DuckDBConnection, table: string, select: string, options: CsvReadOptions & BaseOptions): Promise<RejectSummary> {
  await connection.run(`CREATE TABLE ${table} AS SELECT ${select} FROM ${readCsvSql(options)}`);
  return summarizeRejects(connection, options.rejectsTable);
}

/**
 * `orderedSource`: the part's typed columns re-read in file order (the loaded table has no order);
 * `digests`: the columns stored as digests.
 */
interface PartLoad { summary: RejectSummary; types: ColumnType[]; unparsed: number[]; orderedSource: string; digests: TextDigest[] }

function orderedSource(options: CsvReadOptions, select: string): string {
  // Its own rejects tables, one row per read: they live until the connection closes.
  return `(SELECT ${select} FROM ${readCsvSql({ ...options, rejectsTable: `${options.rejectsTable}_ordered`, rejectsLimit: 1 })})`;
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

/** The columns stored as digests: long texts of a part that has an orderedSource to read them from. */
function digestedColumns(head: HeadTypes, part: TablePart, ordered: boolean): TextDigest[] {
  return ordered ? part.indexes.filter((i) => head.long[i]).map((index) => ({ index, smallStored: head.smallestBound[index] !== undefined })) : [];
}

/**
 * Fast path; returns undefined when some value did not parse as its head-inferred type. `ordered`:
 * the part will be read in file order from its orderedSource, so long texts can be digested.
 */
async function loadTyped(connection: DuckDBConnection, base: BaseOptions, head: HeadTypes, part: TablePart, ordered: boolean): Promise<PartLoad | undefined> {
  const candidates = head.types;
  const columns = new Map(part.indexes.map((i) => [i, fastColumn(candidates[i]!, i, head.withTokens[i] ?? false)]));
  const options = { ...base, readTypes: readTypesFor(candidates.length, part.indexes, (i) => columns.get(i)!.readType) };
  const digests = digestedColumns(head, part, ordered);
  const stored = part.indexes.map((i) => (digests.some((d) => d.index === i) ? digestSelectSql(i, head.smallestBound[i]) : columns.get(i)!.select)).join(', ');
  const select = part.indexes.map((i) => columns.get(i)!.select).join(', ');
  const partTypes = candidates.map((type, i) => (part.indexes.includes(i) ? type : TEXT_TYPE));
  try {
    const summary = await createTable(connection, part.table, stored, options);
    if (summary.invalidEncoding > 0) throw new InvalidEncodingError();
    const types = summary.castErrors === 0 ? await checkFastLoad(connection, part.table, partTypes) : undefined;
    if (types) return { summary, types, unparsed: types.map(() => 0), orderedSource: orderedSource(options, select), digests };
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
    return { summary, types, unparsed, orderedSource: orderedSource(options, select), digests: [] };
  } finally {
    await dropRejects(connection, base.rejectsTable);
    await dropTables(connection, [raw]);
  }
}

/**
 * A part that ran out of memory while loading all the same (columnsPerLoad is an estimate) is loaded
 * again as two parts of half its columns each.
 */
function halves(part: TablePart): TablePart[] {
  const middle = Math.ceil(part.indexes.length / 2);
  return [part.indexes.slice(0, middle), part.indexes.slice(middle)].map((indexes, i) => ({ table: `${part.table}_${i}`, indexes }));
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
  const head = await inferFromHead(connection, base, names.length, parsedHead(source, sniff, names.length));
  const candidates = head.types;
  const types = [...candidates];
  const unparsed = candidates.map(() => 0);
  const ranges = columnRanges(names.length);
  const wide = ranges.length > 1;
  // A table of one range is loaded in as many parts as its row groups need (columnsPerLoad).
  const perLoad = columnsPerLoad((await stat(source.path)).size);
  const loads = wide ? ranges : batchByWeight(ranges.flat(), (i) => (head.long[i] ? DIGEST_COLUMNS : 1), perLoad, Number.POSITIVE_INFINITY);
  const catalog = await attachScratchDatabase(connection, wide ? 'disk' : 'memory');
  const parts: TablePart[] = [];
  const pending: TablePart[] = loads.map((indexes, i) => ({ table: `${catalog}.${table}_p${i}`, indexes }));
  let skipped: RejectSummary | undefined;
  for (let part = pending.shift(); part; part = pending.shift()) {
    const current = part;
    const load = async (): Promise<PartLoad> => (await loadTyped(connection, base, head, current, !wide)) ?? (await loadViaText(connection, base, candidates, current));
    let loaded: PartLoad;
    try {
      // Wide parts keep file order: re-reading thousands of columns per part for samples costs more than ordering saves.
      loaded = wide ? await load() : await withoutInsertionOrder(connection, load);
    } catch (error) {
      if (wide || !isOutOfMemoryError(error) || current.indexes.length < 2) throw error;
      await dropTables(connection, [current.table]);
      pending.unshift(...halves(current));
      continue;
    }
    if (!wide) Object.assign(current, { orderedSource: loaded.orderedSource, digests: loaded.digests });
    if (wide) await connection.run(`CHECKPOINT ${catalog}`);
    for (const i of current.indexes) [types[i], unparsed[i]] = [loaded.types[i]!, loaded.unparsed[i] ?? 0];
    skipped ??= loaded.summary; // every part reads the same rows, so structural rejects are the same
    parts.push(current);
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
