import { detect } from 'tinyld';

/** Enough text for a stable guess; detection time grows with the input. */
const SAMPLE_CHARACTERS = 100_000;

/** ISO 639-1 code of the text's language (tinyld, deterministic), or `"n/a"` when unknown. */
export function detectLanguage(text: string): string {
  const sample = text.slice(0, SAMPLE_CHARACTERS).trim();
  return (sample && detect(sample)) || 'n/a';
}
