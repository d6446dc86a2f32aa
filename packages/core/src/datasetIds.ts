/**
 * The lexical rules for a RawDataPath `dataset_id`, one place for all of them: the request schema
 * turns a breach into a 422 at trigger_profile, and every Datasets adapter (folders, S3 prefixes)
 * treats one as outside the root, so a job whose request was stored before a rule existed is
 * still refused. Symlinks are the adapters' part: they are only known on the file system.
 */

/** Linux's NAME_MAX: a longer folder name could never exist, and the file system answers ENAMETOOLONG. */
export const MAX_DATASET_SEGMENT_BYTES = 255;

/** Percent-decoding rounds tried: catches double- and triple-encoding, bounded so decoding stays cheap. */
const DECODE_ROUNDS = 3;

// Cc: C0/C1 controls, NUL included; Cf: invisible format characters (bidi overrides, zero-width
// spaces) that make a name read differently in a log or a terminal than it is.
const INVISIBLE = /[\p{Cc}\p{Cf}]/u;
// In a `u` pattern a surrogate range matches only unpaired halves, which no file name can hold.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const DRIVE = /^[A-Za-z]:/;

const utf8 = new TextEncoder();
const segmentsOf = (id: string): string[] => id.split('/');

/** What is wrong with the literal text, as a person should read it; undefined when nothing is. */
const literalProblem = (id: string): string | undefined => {
  if (LONE_SURROGATE.test(id)) return 'dataset_id must be well-formed Unicode (it has a lone surrogate)';
  if (INVISIBLE.test(id)) return 'dataset_id must not contain control or invisible format characters (NUL included)';
  if (id.includes('\\')) return 'dataset_id must not contain a backslash';
  if (id.startsWith('/') || DRIVE.test(id)) return 'dataset_id must be a path relative to the data root';
  if (segmentsOf(id).includes('..')) return "dataset_id must not contain '..'";
  return undefined;
};

const percentDecoded = (text: string): string | undefined => {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined; // a lone `%` is a literal character, not an encoding
  }
};

/**
 * The forms a tolerant reader might turn the id into: Unicode compatibility folding (NFKC maps the
 * fullwidth `．`/`／`, `․` (U+2024) and `‥` (U+2025) to ASCII dots and slashes) and up to three
 * rounds of percent-decoding, each folded too. Nothing here decodes or folds a dataset_id, but an id
 * that becomes a traversal under either is an attack or a client bug, never a folder name.
 */
const disguisedForms = (id: string): string[] => {
  const forms = [id.normalize('NFKC')];
  let current = id;
  for (let round = 0; round < DECODE_ROUNDS; round++) {
    const decoded = percentDecoded(current);
    if (decoded === undefined || decoded === current) break;
    forms.push(decoded, decoded.normalize('NFKC'));
    current = decoded;
  }
  return forms;
};

/** Why `id` cannot name a dataset folder below the data root, or undefined when it can. */
export const datasetIdProblem = (id: string): string | undefined => {
  const literal = literalProblem(id);
  if (literal) return literal;
  for (const form of disguisedForms(id)) {
    const hidden = literalProblem(form);
    if (hidden) return `${hidden} once percent-decoded or Unicode-normalised (NFKC)`;
  }
  const named = segmentsOf(id).filter((segment) => segment !== '' && segment !== '.');
  if (named.length === 0) return 'dataset_id must name a folder below the data root, not the root itself';
  if (named.some((segment) => utf8.encode(segment).length > MAX_DATASET_SEGMENT_BYTES)) {
    return `each folder name in dataset_id must be at most ${MAX_DATASET_SEGMENT_BYTES} bytes`;
  }
  return undefined;
};

/** The id's canonical folder path (`.`, empty segments and a trailing `/` dropped), or undefined when it breaks a rule. */
export const confinedDatasetFolder = (id: string): string | undefined =>
  datasetIdProblem(id) === undefined ? segmentsOf(id).filter((segment) => segment !== '' && segment !== '.').join('/') : undefined;
