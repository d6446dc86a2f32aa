/**
 * How deeply a JSON text nests arrays and objects, measured on the text before it is parsed: a
 * 20 KB body of `[` can nest 10,000 levels, and every recursive walker after the parser (the
 * validator, error messages, loggers, JSON.stringify) could overflow the stack on it. One pass, no
 * recursion, strings skipped (a `[` inside a string does not nest).
 */
export const MAX_JSON_DEPTH = 64;

/** The offset of the first bracket that opens level `maxDepth + 1`, or undefined if the text stays within. */
export const findExcessiveNesting = (text: string, maxDepth = MAX_JSON_DEPTH): number | undefined => {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === BACKSLASH) i++;
      else if (ch === QUOTE) inString = false;
    } else if (ch === QUOTE) {
      inString = true;
    } else if (ch === OPEN_BRACKET || ch === OPEN_BRACE) {
      depth++;
      if (depth > maxDepth) return i;
    } else if (ch === CLOSE_BRACKET || ch === CLOSE_BRACE) {
      depth--;
    }
  }
  return undefined;
};

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
