import type { ProfiledFile } from '../light/lightState.js';
import type { PdfFacts } from '../readers/readPdf.js';
import type { SheetTable } from '../readers/readWorkbook.js';
import { extractKeywords } from '../text/keywords.js';
import { detectLanguage } from '../text/language.js';
import type { TextTraits } from './documentRecordSets.js';
import { assertUnchanged, openConfined } from '../walk/confinedFile.js';
import { fileKindOf } from './fileKinds.js';
import type { FileReport, SheetReport } from './fileReport.js';

/** Readers load on first use: a job that meets no PDF never pays for pdf.js (about a second and 150 MB). */
const readers = {
  table: () => import('../tabular/index.js'),
  workbook: () => import('../readers/readWorkbook.js'),
  pdf: () => import('../readers/readPdf.js'),
  text: () => import('../readers/readTextFile.js'),
  image: () => import('../readers/readImage.js'),
};

export interface FileProfilingContext {
  realRoot: string;
  now: () => Date;
}

/**
 * Reads one file according to its kind. Never rejects: a file that cannot be read becomes a
 * `failed` report carrying the reason, and the job goes on (quirk 25).
 */
export async function profileFile(file: ProfiledFile, context: FileProfilingContext): Promise<FileReport> {
  try {
    return await readByKind(file, context);
  } catch (error) {
    return { file, kind: 'failed', error: reasonOf(error, context.realRoot) };
  }
}

/**
 * The readers open the file by its checked real path, some of them several times; checking again
 * once they are done keeps out of the report anything a swap during the read led to.
 */
async function readByKind(file: ProfiledFile, context: FileProfilingContext): Promise<FileReport> {
  const confined = await openConfined(context.realRoot, file.absolutePath);
  try {
    const report = await readAt(confined.realPath, file, context);
    await assertUnchanged(file.absolutePath, confined);
    return report;
  } finally {
    await confined.handle.close();
  }
}

async function readAt(path: string, file: ProfiledFile, context: FileProfilingContext): Promise<FileReport> {
  const kind = await fileKindOf(file.name, path);
  switch (kind) {
    case 'delimited':
    case 'parquet':
    case 'json':
      return { file, kind: 'table', table: await (await readers.table()).profileTable({ kind, path }, { now: context.now }) };
    case 'workbook':
      return { file, kind: 'workbook', sheets: await profileSheets(await (await readers.workbook()).readWorkbook(path), context) };
    case 'pdf':
      return { file, kind: 'pdf', pdf: withTextTraits(await (await readers.pdf()).readPdf(path)) };
    case 'text':
      return { file, kind: 'text', text: await (await readers.text()).readTextFile(path) };
    case 'image':
      return { file, kind: 'image', image: await (await readers.image()).readImage(path) };
    case 'none':
      return { file, kind: 'none' };
  }
}

function withTextTraits(pdf: PdfFacts): PdfFacts & TextTraits {
  const language = pdf.text ? detectLanguage(pdf.text) : 'n/a';
  return { ...pdf, language, keywords: extractKeywords(pdf.text, language) };
}

/** Sheets one after another: a workbook is already one of the files profiled in parallel. */
async function profileSheets(sheets: readonly SheetTable[], context: FileProfilingContext): Promise<SheetReport[]> {
  const { profileTable } = await readers.table();
  const reports: SheetReport[] = [];
  for (const { name, columns, rows } of sheets) {
    try {
      reports.push({ sheet: name, table: await profileTable({ kind: 'rows', columns, rows }, { now: context.now }) });
    } catch (error) {
      reports.push({ sheet: name, error: reasonOf(error, context.realRoot) });
    }
  }
  return reports;
}

/** A one-line reason without the server's paths, so the profile stays relative and deterministic. */
function reasonOf(error: unknown, realRoot: string): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split(`${realRoot}/`).join('').split(realRoot).join('.').split('\n')[0] ?? '').trim() || 'unreadable file';
}
