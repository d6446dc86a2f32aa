/**
 * Missing values (one rule for every loader):
 * - an empty field is missing in every column;
 * - a null-like token (NULL_LIKE_TOKENS) is missing only in a column whose other values are all
 *   numbers, booleans or dates: there it is a placeholder, and the column keeps its type;
 * - in a text column a token is an ordinary value (`None` as a damage level, `NA` for Namibia):
 *   counted in uniqueCount, shown in samples and mostFrequent, and counted in `nullLikeCount`.
 * Whitespace-only fields are values, as in pandas.
 */
import { listLiteral } from './sql.js';

/** pandas 2.x's default NA strings without the empty one, plus `-`, a common numeric placeholder. */
export const NULL_LIKE_TOKENS: readonly string[] = [
  '#N/A', '#N/A N/A', '#NA', '-', '-1.#IND', '-1.#QNAN', '-NaN', '-nan', '1.#IND', '1.#QNAN',
  '<NA>', 'N/A', 'NA', 'NULL', 'NaN', 'None', 'n/a', 'nan', 'null',
];

const TOKENS = new Set(NULL_LIKE_TOKENS);

export function isNullLike(value: string): boolean {
  return TOKENS.has(value);
}

/** An empty field or a token: no evidence of a column's type either way. */
export function isEmptyOrNullLike(value: string): boolean {
  return value === '' || TOKENS.has(value);
}

/**
 * SQL: true when the VARCHAR expression is one of the tokens. Not `IN (…)`: DuckDB plans a long IN
 * list as a join, which loses the file order that samples and examples are read in.
 */
export function nullLikeSql(ident: string): string {
  return `list_contains(${listLiteral(NULL_LIKE_TOKENS)}, ${ident})`;
}

/** SQL: a VARCHAR expression of a typed column with its tokens as NULL. */
export function tokensAsNullSql(ident: string): string {
  return `CASE WHEN ${nullLikeSql(ident)} THEN NULL ELSE ${ident} END`;
}
