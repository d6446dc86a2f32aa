/** Missing-value rules: an empty field or one of pandas 2.x's default NA strings (profile-format.md 4.4). */

export const NA_STRINGS: readonly string[] = [
  '', '#N/A', '#N/A N/A', '#NA', '-1.#IND', '-1.#QNAN', '-NaN', '-nan', '1.#IND', '1.#QNAN',
  '<NA>', 'N/A', 'NA', 'NULL', 'NaN', 'None', 'n/a', 'nan', 'null',
];

const NA_SET = new Set(NA_STRINGS);

/** Whitespace-only fields are values, as in pandas. */
export function isMissingText(value: string): boolean {
  return NA_SET.has(value);
}
