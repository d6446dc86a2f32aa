import type { TextTraits } from '../heavy/documentRecordSets.js';
import type { PdfFacts } from './readPdf.js';
import type { TextFacts } from './readTextFile.js';
import type { SheetTable } from './readWorkbook.js';

/** What each reader worker answers for a path. */
export interface ReaderResults {
  workbook: SheetTable[];
  pdf: PdfFacts & TextTraits;
  text: TextFacts;
}

export type ReaderName = keyof ReaderResults;

/** The worker module of each reader: its file name without extension, beside readerPool (and in the bundles). */
export const READER_WORKERS: Readonly<Record<ReaderName, string>> = { workbook: 'workbookWorker', pdf: 'pdfWorker', text: 'textWorker' };
