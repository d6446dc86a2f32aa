/**
 * Where a JSON text first goes wrong, the way Python's `json` module reports it (FastAPI's 422
 * `json_invalid` puts that `pos` in `loc`). Node's JSON.parse messages carry no position on Node 20,
 * so this small scanner runs on the failure path only.
 */
export interface JsonSyntaxProblem {
  pos: number;
  msg: string;
}

class Problem extends Error {
  constructor(readonly pos: number, readonly msg: string) {
    super(msg);
  }
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y;
const LITERALS = ['null', 'true', 'false', 'NaN', 'Infinity', '-Infinity'];
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
/** Python gives up with RecursionError long before this; it also keeps this scanner off the stack limit. */
const MAX_DEPTH = 1000;

export const findJsonSyntaxProblem = (text: string): JsonSyntaxProblem | undefined => {
  try {
    const end = skip(text, value(text, skip(text, 0), 0));
    if (end < text.length) throw new Problem(end, 'Extra data');
    return undefined;
  } catch (error) {
    if (error instanceof Problem) return { pos: error.pos, msg: error.msg };
    throw error;
  }
};

const skip = (s: string, i: number): number => {
  while (i < s.length && WHITESPACE.has(s[i] as string)) i++;
  return i;
};

const value = (s: string, i: number, depth: number): number => {
  if (depth > MAX_DEPTH) throw new Problem(i, 'Maximum nesting depth exceeded');
  const c = s[i];
  if (c === '"') return string(s, i);
  if (c === '{') return object(s, i, depth + 1);
  if (c === '[') return array(s, i, depth + 1);
  const literal = LITERALS.find((word) => s.startsWith(word, i));
  if (literal) return i + literal.length;
  NUMBER.lastIndex = i;
  if (NUMBER.exec(s)) return NUMBER.lastIndex;
  throw new Problem(i, 'Expecting value');
};

const string = (s: string, start: number): number => {
  let i = start + 1;
  while (i < s.length) {
    const c = s[i] as string;
    if (c === '"') return i + 1;
    if (c < ' ') throw new Problem(i, 'Invalid control character at');
    if (c === '\\' && i + 1 >= s.length) break;
    i = c === '\\' ? escape(s, i) : i + 1;
  }
  throw new Problem(start, 'Unterminated string starting at');
};

const escape = (s: string, i: number): number => {
  const next = s[i + 1] as string;
  if (ESCAPES.has(next)) return i + 2;
  if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) return i + 6;
  // Python points at the `u` of a bad \uXXXX, and at the backslash of any other bad escape.
  throw next === 'u' ? new Problem(i + 1, 'Invalid \\uXXXX escape') : new Problem(i, 'Invalid \\escape');
};

const object = (s: string, start: number, depth: number): number => {
  let i = skip(s, start + 1);
  if (s[i] === '}') return i + 1;
  for (;;) {
    if (s[i] !== '"') throw new Problem(i, 'Expecting property name enclosed in double quotes');
    i = skip(s, string(s, i));
    if (s[i] !== ':') throw new Problem(i, "Expecting ':' delimiter");
    i = skip(s, value(s, skip(s, i + 1), depth));
    if (s[i] === '}') return i + 1;
    if (s[i] !== ',') throw new Problem(i, "Expecting ',' delimiter");
    i = skip(s, i + 1);
  }
};

const array = (s: string, start: number, depth: number): number => {
  let i = skip(s, start + 1);
  if (s[i] === ']') return i + 1;
  for (;;) {
    i = skip(s, value(s, i, depth));
    if (s[i] === ']') return i + 1;
    if (s[i] !== ',') throw new Problem(i, "Expecting ',' delimiter");
    i = skip(s, i + 1);
  }
};
