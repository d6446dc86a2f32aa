import type { ProfiledFile } from '../light/lightState.js';
import { checkDelimited } from '../limits/checkDelimited.js';
import { checkJsonDepth } from '../limits/checkJsonDepth.js';
import { checkWorkbook } from '../limits/checkWorkbook.js';
import { FileLimitError, timeLimitError, type FileLimits } from '../limits/fileLimits.js';
import type { SheetTable } from '../readers/readWorkbook.js';
import { isOutOfMemoryError } from '../tabular/duckdbErrors.js';
import { assertUnchanged, openConfined, OutsideDatasetError } from '../walk/confinedFile.js';
import { fileKindOf } from './fileKinds.js';
import { SharedTableEngine } from './sharedTableEngine.js';
import type { FileReport, SheetReport } from './fileReport.js';

/** Loaded on first use: DuckDB and the reader pools start only for files that need them (pdf.js and exceljs load in their workers). */
const readers = {
  table: () => import('../tabular/index.js'),
  pool: () => import('../readers/readerPool.js'),
  image: () => import('../readers/readImage.js'),
};

export interface FileProfilingContext {
  realRoot: string;
  now: () => Date;
  limits: FileLimits;
  /** Files profiled at once: the most reader workers needed. */
  concurrency: number;
}

type ReadingContext = FileProfilingContext & { signal: AbortSignal };

/**
 * Reads one file according to its kind, within the file limits. Never rejects: a file that cannot
 * be read, or would exceed a limit, becomes a `failed` report carrying the reason (and the limit),
 * and the job goes on (quirk 25). When the time limit passes, the report is made at once and the
 * read is stopped behind it (DuckDB interrupted, the reader worker terminated).
 */
export async function profileFile(file: ProfiledFile, context: FileProfilingContext): Promise<FileReport> {
  if (file.unreadable) return { file, kind: 'failed', error: file.unreadable };
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeUp = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(timeLimitError(context.limits));
    }, context.limits.fileTimeoutMs);
  });
  const reading = readUnchanged(file, { ...context, signal: controller.signal });
  try {
    return await Promise.race([reading, timeUp]);
  } catch (error) {
    reading.catch(() => undefined); // settles after the abort; its failure is the time limit's
    return failedReport(file, error, context);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The readers open the file by its checked real path, some of them several times; checking again
 * once they are done keeps out of the report anything a swap during the read led to, and a file
 * that changed while it was read fails: its statistics would describe no version of it.
 */
async function readUnchanged(file: ProfiledFile, context: ReadingContext): Promise<FileReport> {
  const confined = await openConfined(context.realRoot, file.absolutePath).catch(unreadableNow);
  try {
    const report = await readByKind(file, confined.realPath, context);
    const after = await assertUnchanged(file.absolutePath, confined);
    if (after.size !== confined.stats.size || after.mtimeMs !== confined.stats.mtimeMs) throw new Error('the file changed while it was profiled');
    return report;
  } finally {
    await confined.handle.close();
  }
}

/** A file gone (or no longer readable) since it was listed, when it is opened; one now outside the dataset says so itself. */
function unreadableNow(error: NodeJS.ErrnoException): never {
  if (error instanceof OutsideDatasetError) throw error;
  throw new Error(`the file cannot be read any more (${error.code ?? 'read error'})`, { cause: error });
}

async function readByKind(file: ProfiledFile, path: string, context: ReadingContext): Promise<FileReport> {
  const { limits, signal } = context;
  const kind = await fileKindOf(file.name, path);
  switch (kind) {
    case 'delimited':
      await checkDelimited(path, limits, signal);
      return { file, kind: 'table', table: await profileTable({ kind, path }, context) };
    case 'json':
      await checkJsonDepth(path, limits, signal);
      return { file, kind: 'table', table: await profileTable({ kind, path }, context) };
    case 'parquet':
      return { file, kind: 'table', table: await profileTable({ kind, path }, context) };
    case 'workbook':
      await checkWorkbook(path, limits, signal);
      return { file, kind: 'workbook', sheets: await profileSheets(await readInWorker('workbook', path, context), context) };
    case 'pdf':
      return { file, kind: 'pdf', pdf: await readInWorker('pdf', path, context) };
    case 'text':
      return { file, kind: 'text', text: await readInWorker('text', path, context) };
    case 'image':
      return { file, kind: 'image', image: await (await readers.image()).readImage(path) };
    case 'none':
      return { file, kind: 'none' };
  }
}

async function readInWorker<R extends 'workbook' | 'pdf' | 'text'>(reader: R, path: string, context: ReadingContext) {
  return (await readers.pool()).runReader(reader, path, { limits: context.limits, threads: context.concurrency, signal: context.signal });
}

type TableInput = Parameters<Awaited<ReturnType<typeof readers.table>>['profileTable']>[0];

/** Process-wide, as the DuckDB instance is. */
const tableEngine = new SharedTableEngine();

async function profileTable(input: TableInput, context: ReadingContext) {
  const tabular = await readers.table();
  tabular.configureTabularEngine({ memoryLimitMb: context.limits.tabularMemoryMb });
  try {
    return await tableEngine.run(() => tabular.profileTable(input, { now: context.now, signal: context.signal }), isOutOfMemoryError);
  } catch (error) {
    throw tabularLimitError(error, context.limits) ?? error;
  }
}

/** The table needs more than the engine's memory_limit. */
function tabularLimitError(error: unknown, limits: FileLimits): FileLimitError | undefined {
  if (!isOutOfMemoryError(error)) return undefined;
  const message = `the table needs more memory than the tabular engine's limit of ${limits.tabularMemoryMb} MB`;
  return new FileLimitError('tabularMemoryMb', limits.tabularMemoryMb, message, { cause: error });
}

/** Sheets one after another: a workbook is already one of the files profiled in parallel. */
async function profileSheets(sheets: readonly SheetTable[], context: ReadingContext): Promise<SheetReport[]> {
  const reports: SheetReport[] = [];
  for (const { name, columns, rows } of sheets) {
    try {
      reports.push({ sheet: name, table: await profileTable({ kind: 'rows', columns, rows }, context) });
    } catch (error) {
      // A limit is the workbook's, not the sheet's: the whole file fails with it.
      if (error instanceof FileLimitError || context.signal.aborted) throw error;
      reports.push({ sheet: name, error: reasonOf(error, context.realRoot) });
    }
  }
  return reports;
}

function failedReport(file: ProfiledFile, error: unknown, context: FileProfilingContext): FileReport {
  const limit = error instanceof FileLimitError ? { limit: { name: error.limit, value: error.value } } : {};
  return { file, kind: 'failed', error: reasonOf(error, context.realRoot), ...limit };
}

/** A one-line reason without the server's paths, so the profile stays relative and deterministic. */
function reasonOf(error: unknown, realRoot: string): string {
  const message = messageOf(error);
  return (message.split(`${realRoot}/`).join('').split(realRoot).join('.').split('\n')[0] ?? '').trim() || 'unreadable file';
}

/** pdf.js rejects with exceptions that are no Error, and reach us from a worker as plain objects. */
function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}
