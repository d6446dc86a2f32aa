import { readFile } from 'node:fs/promises';
import { getDocument, PDFDateString, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** What a PDF tells about itself: its Info dictionary, page count and text. */
export interface PdfFacts {
  info: PdfInfo;
  pagesCount: number;
  /** Text of every page, pages separated by a blank line; `""` when the PDF has no text layer. */
  text: string;
}

/** The Info dictionary's strings (`""` when absent), dates raw (`D:…`) and as ISO-8601 (null when unparsable). */
export interface PdfInfo {
  subject: string;
  author: string;
  title: string;
  producer: string;
  creator: string;
  creationDate: string;
  modificationDate: string;
  dateCreated: string | null;
  dateModified: string | null;
}

/** Reads a PDF with pdf.js (legacy build, the one meant for Node). Rejects for a broken file. */
export async function readPdf(path: string): Promise<PdfFacts> {
  const data = new Uint8Array(await readFile(path));
  const document = await getDocument({ data, verbosity: VerbosityLevel.ERRORS, isEvalSupported: false }).promise;
  try {
    const { info } = await document.getMetadata();
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number++) pages.push(await pageText(document, number));
    return { info: infoStrings(info as Record<string, unknown>), pagesCount: document.numPages, text: pages.join('\n\n').trim() };
  } finally {
    await document.destroy();
  }
}

type PdfDocument = Awaited<ReturnType<typeof getDocument>['promise']>;

async function pageText(document: PdfDocument, number: number): Promise<string> {
  const page = await document.getPage(number);
  const content = await page.getTextContent();
  page.cleanup();
  return content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
}

function infoStrings(info: Record<string, unknown>): PdfInfo {
  const text = (key: string): string => (typeof info[key] === 'string' ? (info[key] as string) : '');
  return {
    subject: text('Subject'),
    author: text('Author'),
    title: text('Title'),
    producer: text('Producer'),
    creator: text('Creator'),
    creationDate: text('CreationDate'),
    modificationDate: text('ModDate'),
    dateCreated: pdfDateToIso(text('CreationDate')),
    dateModified: pdfDateToIso(text('ModDate')),
  };
}

/** ISO 8601 form of a PDF date string (`D:20241114105411Z`), or `null` when absent or invalid. */
export function pdfDateToIso(pdfDate: string): string | null {
  if (!pdfDate) return null;
  const date = PDFDateString.toDateObject(pdfDate);
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}
