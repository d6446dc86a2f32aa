/** Counts over a decoded text (profile-format.md 4.12, with the fixes noted inline). */
export interface TextStatistics {
  numLines: number;
  numWords: number;
  numCharacters: number;
  avgSentenceLength: number;
  numParagraphs: number;
  fleschKincaidGrade: number;
}

/** Python's `str.splitlines` boundaries, `\r\n` counting once. */
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;
/** A word: a run of letters, marks, digits or `_` (Python's Unicode `\w`, plus combining marks). */
const WORD = /[\p{L}\p{M}\p{N}_]+/gu;
const SENTENCE_END = /[.!?]/;
const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

export function computeTextStatistics(text: string): TextStatistics {
  const lower = text.toLowerCase();
  const words = lower.match(WORD) ?? [];
  const sentences = lower.split(SENTENCE_END).filter((piece) => piece.trim() !== '');
  const sentenceWords = sentences.map((sentence) => sentence.match(WORD)?.length ?? 0);
  return {
    numLines: countLines(text),
    numWords: words.length,
    numCharacters: text.length - (text.match(SURROGATE_PAIR)?.length ?? 0),
    avgSentenceLength: sentences.length ? sum(sentenceWords) / sentences.length : 0,
    numParagraphs: countParagraphs(text),
    fleschKincaidGrade: fleschKincaidGrade(words, sentences.length),
  };
}

/** Lines as Python's `splitlines` counts them: a final line break does not open a new line. */
export function countLines(text: string): number {
  if (text === '') return 0;
  const breaks = text.match(LINE_BREAK)?.length ?? 0;
  const endsWithBreak = new RegExp(`(?:${LINE_BREAK.source})$`).test(text);
  return endsWithBreak ? breaks : breaks + 1;
}

/**
 * Non-blank blocks separated by blank lines. Unlike the reference (a plain split on "\n\n"), CRLF
 * text and runs of blank lines count right, and an empty text has no paragraph.
 */
export function countParagraphs(text: string): number {
  return text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/).filter((block) => block.trim() !== '').length;
}

/**
 * The reference's Flesch–Kincaid grade: 0.39·words/sentences + 11.8·syllables/words − 15.59, where
 * a word's syllables are its letters among `aeiouy` (kept for comparable values); 0 without words
 * or sentences.
 */
function fleschKincaidGrade(words: readonly string[], sentenceCount: number): number {
  if (words.length === 0 || sentenceCount === 0) return 0;
  const syllables = sum(words.map((word) => word.match(/[aeiouy]/g)?.length ?? 0));
  return 0.39 * (words.length / sentenceCount) + 11.8 * (syllables / words.length) - 15.59;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
