import { readFile } from 'node:fs/promises';
import { decodeText } from '../text/decodeText.js';
import { extractKeywords } from '../text/keywords.js';
import { detectLanguage } from '../text/language.js';
import { computeTextStatistics, type TextStatistics } from '../text/textStatistics.js';

export interface TextFacts extends TextStatistics {
  text: string;
  encoding: string;
  size: number;
  language: string;
  keywords: string[];
}

/** Decodes a plain-text or Markdown file (encoding detected) and measures it. */
export async function readTextFile(path: string): Promise<TextFacts> {
  const bytes = await readFile(path);
  const { text, encoding } = decodeText(bytes);
  const language = detectLanguage(text);
  return {
    text,
    encoding,
    size: bytes.length,
    language,
    keywords: extractKeywords(text, language),
    ...computeTextStatistics(text),
  };
}
