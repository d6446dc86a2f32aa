/** A reader worker thread (readerPool.ts) for PDFs: pdf.js holds the document, its text gets its language and keywords here. */
import type { TextTraits } from '../heavy/documentRecordSets.js';
import { extractKeywords } from '../text/keywords.js';
import { detectLanguage } from '../text/language.js';
import { readPdf, type PdfFacts } from './readPdf.js';

export default async function readPdfWithTraits(path: string): Promise<PdfFacts & TextTraits> {
  const pdf = await readPdf(path);
  const language = pdf.text ? detectLanguage(pdf.text) : 'n/a';
  return { ...pdf, language, keywords: extractKeywords(pdf.text, language) };
}
