import { createRequire } from 'node:module';
import { toISO3 } from 'tinyld';

const require = createRequire(import.meta.url);
/** ISO 639-3 code → stop words (the `stopword` package; it ships no type declarations). */
const STOP_WORDS = require('stopword') as Record<string, unknown>;

const TERM = /[\p{L}\p{M}\p{N}_'’-]+/gu;
const HAS_LETTER = /\p{L}/u;
const MIN_TERM_LENGTH = 3;
const KEYWORD_COUNT = 10;

/**
 * The text's most frequent terms, deterministically: lower-cased, at least three characters with a
 * letter, not a stop word of the detected language nor of English; ties broken by code point order.
 */
export function extractKeywords(text: string, language: string, count = KEYWORD_COUNT): string[] {
  const stopWords = new Set([...stopWordsOf(toISO3(language)), ...stopWordsOf('eng')]);
  const frequencies = new Map<string, number>();
  for (const raw of text.toLowerCase().match(TERM) ?? []) {
    const term = raw.replace(/^['’-]+|['’-]+$/g, '');
    if (term.length < MIN_TERM_LENGTH || !HAS_LETTER.test(term) || stopWords.has(term)) continue;
    frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
  }
  return [...frequencies.entries()]
    .sort(([termA, countA], [termB, countB]) => countB - countA || (termA < termB ? -1 : termA > termB ? 1 : 0))
    .slice(0, count)
    .map(([term]) => term);
}

function stopWordsOf(iso3: string): readonly string[] {
  const words = STOP_WORDS[iso3];
  return Array.isArray(words) ? (words as string[]) : [];
}
