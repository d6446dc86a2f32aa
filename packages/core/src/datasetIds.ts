/**
 * The lexical rules for a RawDataPath `dataset_id`, one place for all of them: the request schema
 * turns a breach into a 422 at trigger_profile (and the OpenAPI document carries the same rules as
 * one `pattern`), and every Datasets adapter (folders, S3 prefixes) treats one as outside the root,
 * so a job whose request was stored before a rule existed is still refused. Symlinks are the
 * adapters' part: they are only known on the file system.
 *
 * The rules are a plain grammar rather than a decoder: characters that a tolerant reader could turn
 * into `.`, `/` or `\` (percent-encoding, Unicode compatibility forms) are refused outright, so no
 * encoding, double encoding or look-alike can hide a traversal, and the id is used exactly as given.
 */

/** Characters no folder name here may hold, as a regex class body valid in ECMAScript, Python and Rust alike. */
const FORBIDDEN = [
  // C0 and C1 controls (NUL, newline, escape, DEL, …) and the BMP's invisible format characters:
  // soft hyphen, bidi marks and overrides, zero-width spaces and joiners, word joiners, BOM.
  '\\x00-\\x1f\\x7f-\\x9f\\xad\\u061c\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u206f\\ufeff\\ufff9-\\ufffb',
  // Separators and what decodes or NFKC-folds into them: `\`, `%` (percent-encoding), `:` (drive
  // letters, `C:`), ․ ‥ ﹒ ． (dots), ／ ＼ ﹨ (slashes), ℀ ℁ ℅ ℆ (letters around a slash).
  '\\\\%:\\u2024\\u2025\\ufe52\\uff0e\\uff0f\\uff3c\\ufe68\\u2100\\u2101\\u2105\\u2106',
].join('');

/** Linux's NAME_MAX in characters; a name past 255 bytes is answered as missing by the file system. */
export const MAX_DATASET_SEGMENT_CHARS = 255;

const NAME_CHAR = `[^/.${FORBIDDEN}]`;
const ANY_CHAR = `[^/${FORBIDDEN}]`;
const MAX = MAX_DATASET_SEGMENT_CHARS;
/** One folder name: not empty, not `.` and not `..`, at most 255 characters. */
const SEGMENT = `(?:${NAME_CHAR}${ANY_CHAR}{0,${MAX - 1}}|\\.${NAME_CHAR}${ANY_CHAR}{0,${MAX - 2}}|\\.\\.${ANY_CHAR}{1,${MAX - 2}})`;

/** Folder names joined by single `/`: relative, no `.`/`..` segment, no empty one, no trailing `/`. */
export const DATASET_ID_PATTERN = `^${SEGMENT}(?:/${SEGMENT})*$`;
const DATASET_ID = new RegExp(DATASET_ID_PATTERN, 'u');
// Not in the pattern, which Rust's regex (behind many JSON Schema validators) could not compile with
// it: a lone surrogate, which no file name can hold. (In a `u` pattern the range matches unpaired halves only.)
const LONE_SURROGATE = /[\ud800-\udfff]/u;

/** The first rule that a refused id breaks, with a message a person can act on. */
const SPECIFIC: readonly [RegExp, string][] = [
  [/[\p{Cc}\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/u, 'dataset_id must not contain control or invisible format characters (NUL included)'],
  [LONE_SURROGATE, 'dataset_id must be well-formed Unicode (it has a lone surrogate)'],
  [/^\/|^[A-Za-z]:/, 'dataset_id must be a path relative to the data root'],
  [/\\/, 'dataset_id must not contain a backslash'],
  [/(?:^|\/)\.\.(?:\/|$)/, "dataset_id must not contain '..'"],
  [/%/, "dataset_id must not contain '%': percent-encoding is not decoded, and is refused so none can hide a '..'"],
  [/:/, "dataset_id must not contain ':'"],
  [/[\u2024\u2025\ufe52\uff0e\uff0f\uff3c\ufe68\u2100\u2101\u2105\u2106]/u, "dataset_id must not contain a Unicode look-alike of '.', '/' or '\\' (it could be folded into one)"],
  [/^(?:\.?\/)*\.?$/, 'dataset_id must name a folder below the data root, not the root itself'],
  [/(?:^|\/)\.(?:\/|$)|\/\/|\/$/, "dataset_id must be folder names joined by single '/' (no '.' or empty names, no trailing '/')"],
];

/** Why `id` cannot name a dataset folder below the data root, or undefined when it can. */
export const datasetIdProblem = (id: string): string | undefined => {
  if (DATASET_ID.test(id) && !LONE_SURROGATE.test(id)) return undefined;
  const specific = SPECIFIC.find(([pattern]) => pattern.test(id));
  return specific ? specific[1] : `each folder name in dataset_id must be at most ${MAX_DATASET_SEGMENT_CHARS} characters`;
};
