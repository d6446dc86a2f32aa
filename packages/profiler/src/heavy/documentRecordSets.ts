import type { IdFactory } from '../ids.js';
import type { ProfiledFile } from '../light/lightState.js';
import type { ImageFacts } from '../readers/readImage.js';
import type { PdfFacts } from '../readers/readPdf.js';
import type { TextFacts } from '../readers/readTextFile.js';
import type { ExceededLimit } from './fileReport.js';

type JsonObject = Record<string, unknown>;

/** What the heavy step adds to a document's text: its language and top terms. */
export interface TextTraits {
  language: string;
  keywords: string[];
}

/** The first keys of every non-tabular record set: what it is and which file it describes. */
function recordSetHead(name: string, file: ProfiledFile, ids: IdFactory): JsonObject {
  return {
    '@type': 'cr:RecordSet',
    '@id': ids('recordSet', file.relativePath),
    name,
    source: { '@type': 'cr:FileObject', '@id': file.id },
  };
}

/**
 * A PDF (4.11, fixed): the Info strings as before, ISO 8601 dates in `dateCreated`/`dateModified`
 * (null when absent), keywords from the text, its language and length, and `textLayer: false`
 * when the PDF holds no extractable text (a scan).
 */
export function pdfRecordSet(name: string, file: ProfiledFile, pdf: PdfFacts & TextTraits, ids: IdFactory): JsonObject {
  return {
    ...recordSetHead(name, file, ids),
    ...pdf.info,
    dateCreated: pdf.info.dateCreated,
    dateModified: pdf.info.dateModified,
    pagesCount: pdf.pagesCount,
    keywords: pdf.keywords,
    summary: '',
    language: pdf.language,
    textLength: pdf.text.length,
    textLayer: pdf.text.length > 0,
    field: [],
  };
}

/** A plain-text or Markdown file (4.12, fixed: relative name, detected encoding, deterministic language). */
export function textRecordSet(name: string, file: ProfiledFile, text: TextFacts, ids: IdFactory): JsonObject {
  return {
    ...recordSetHead(name, file, ids),
    summary: '',
    keywords: text.keywords,
    language: text.language,
    encoding: text.encoding,
    size: text.size,
    numLines: text.numLines,
    numWords: text.numWords,
    numCharacters: text.numCharacters,
    avgSentenceLength: text.avgSentenceLength,
    numParagraphs: text.numParagraphs,
    fleschKincaidGrade: text.fleschKincaidGrade,
  };
}

/** An image: its pixel size and detected format (`imageFormat`, since `format` means cr:format). */
export function imageRecordSet(name: string, file: ProfiledFile, image: ImageFacts, ids: IdFactory): JsonObject {
  return { ...recordSetHead(name, file, ids), width: image.width, height: image.height, imageFormat: image.imageFormat };
}

/** A file or sheet that could not be read: the reason instead of fields. */
export function errorRecordSet(name: string, ids: IdFactory, source: ErrorSource, error: string, limit?: ExceededLimit): JsonObject {
  return {
    '@type': 'cr:RecordSet',
    '@id': ids('recordSet', source.relativePath, source.sheet),
    name,
    source: { '@type': 'cr:FileObject', '@id': source.fileObjectId },
    error,
    ...limitKeys(limit),
  };
}

/** `limitExceeded` (the limit's name) and `limitValue` (its configured value) of a file that hit one. */
export function limitKeys(limit: ExceededLimit | undefined): JsonObject {
  return limit ? { limitExceeded: limit.name, limitValue: limit.value } : {};
}

export interface ErrorSource {
  relativePath: string;
  sheet?: string;
  fileObjectId: string;
}
