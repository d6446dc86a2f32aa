/**
 * Type inference in SQL for columns whose values all have one of a few plain shapes, so a head's
 * values need not be converted to JavaScript strings (about 0.4 µs a value: 20,000 rows of 40
 * columns took half a second). Each shape is one for which countValue's counts are known without
 * looking closer, so the counts, and the type decideType gives them, are exactly those of
 * inferColumn; a column with any other value is left to inferColumn.
 *
 * - INTEGER `[-+]?(0|[1-9][0-9]{0,17})`: INT matches and 18 digits fit int64, FLOAT matches with
 *   fewer than 309 characters, PADDED does not (no leading zero), and no comma or `-` past the sign
 *   leaves room for grouping or a date: int + 1, float + 1.
 * - DECIMAL: FLOAT's pattern with a `.` or an exponent (1 or 2 digits), at most 40 characters, so
 *   the number is finite; INT and PADDED need digits only, a `-` can only follow the exponent's `e`
 *   (never at index 4 after a digit, as a date's): float + 1.
 * - PADDED `[-+]?0[0-9]+`, at most 40 characters: INT does not match, PADDED does, FLOAT does and
 *   the number is finite: padded + 1, float + 1 (a padded value keeps its column text).
 * - BOOLEAN `true`/`false` in ASCII letters of either case (BOOL is /i without /u, which maps no
 *   other character to these): bool + 1.
 * - DATE `[0-9]{4}-[0-9]{2}-[0-9]{2}` that DuckDB casts to a date, from year 0100 (isCalendarDate
 *   builds a Date.UTC, which reads years 0–99 as 1900–1999, so those never counted): date + 1.
 * - DATETIME: DATETIME's pattern (no offset), its date part as DATE's: dateTime + 1.
 * - A null-like token: no count, the column has tokens (missing.ts).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { decideType, emptyCounts } from './inference.js';
import { queryRows } from './loadedTable.js';
import { nullLikeSql } from './missing.js';
import type { InferredColumn } from './rowInference.js';
import { columnIdent, quoteLiteral } from './sql.js';

export const SHAPE = { integer: 1, decimal: 2, padded: 3, boolean: 4, date: 5, dateTime: 6, token: 7 } as const;

const INTEGER = '[-+]?(0|[1-9][0-9]{0,17})';
const DECIMAL = '[-+]?(([0-9]+\\.[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]{1,2})?|[0-9]+[eE][-+]?[0-9]{1,2})';
const PADDED = '[-+]?0[0-9]+';
const BOOLEAN = '[tT][rR][uU][eE]|[fF][aA][lL][sS][eE]';
const DATE = '[0-9]{4}-[0-9]{2}-[0-9]{2}';
const DATETIME = `${DATE}[T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,9})?)?`;
/** Numbers this long are finite doubles whatever their digits. */
const NUMBER_MAX_CHARS = 40;

/**
 * SQL: the SHAPE of a VARCHAR value, NULL for any other value (and for NULL). The shapes are
 * disjoint, and each pattern is guarded by a cheap condition it implies (how a number starts, a
 * date's `-`, a boolean's length), so most values meet one or two regular expressions, not six.
 */
export function shapeSql(ident: string): string {
  const matches = (pattern: string): string => `regexp_full_match(${ident}, ${quoteLiteral(pattern)})`;
  const number = `(ascii(${ident}) BETWEEN 48 AND 57 OR ascii(${ident}) IN (43, 45, 46))`;
  const shortNumber = `${number} AND strlen(${ident}) <= ${NUMBER_MAX_CHARS}`;
  const dateStart = `substr(${ident}, 5, 1) = '-'`;
  const calendarDate = `${ident} >= '0100' AND TRY_CAST(left(${ident}, 10) AS DATE) IS NOT NULL`;
  return `CASE WHEN ${number} AND ${matches(INTEGER)} THEN ${SHAPE.integer}
    WHEN ${dateStart} AND ${matches(DATE)} AND ${calendarDate} THEN ${SHAPE.date}
    WHEN ${dateStart} AND ${matches(DATETIME)} AND ${calendarDate} THEN ${SHAPE.dateTime}
    WHEN ${shortNumber} AND ${matches(DECIMAL)} THEN ${SHAPE.decimal}
    WHEN ${shortNumber} AND ${matches(PADDED)} THEN ${SHAPE.padded}
    WHEN strlen(${ident}) IN (4, 5) AND ${matches(BOOLEAN)} THEN ${SHAPE.boolean}
    WHEN ${nullLikeSql(ident)} THEN ${SHAPE.token} END`;
}

/**
 * The inferred type of each of `indexes` (columns of `head`, an SQL FROM item of VARCHARs) whose
 * values all have a shape; the others are absent. The head is unpivoted to one value a row, so the
 * statement has one shape expression whatever the width (one per column made a 500-column range's
 * statement half a megabyte, and 10,000 columns took three times as long to profile).
 */
export async function inferByShape(connection: DuckDBConnection, head: string, indexes: readonly number[], delimiter: string): Promise<Map<number, InferredColumn>> {
  const counts = Object.values(SHAPE).map((shape) => `count_if(s = ${shape})`).join(', ');
  const values = `SELECT k, ${shapeSql('v')} AS s FROM (UNPIVOT ${head} ON COLUMNS(*) INTO NAME k VALUE v)`;
  const rows = await queryRows(connection, `SELECT k, count(*), count(s), ${counts} FROM (${values}) GROUP BY k`);
  const byColumn = new Map(rows.map(([k, ...fields]) => [String(k), fields.map(Number)]));
  const inferred = new Map<number, InferredColumn>();
  for (const index of indexes) {
    // A column with no value in the head has no row (UNPIVOT drops NULLs).
    const [total, shaped, integer, decimal, padded, boolean, date, dateTime, token] = byColumn.get(columnIdent(index)) ?? Array<number>(2 + Object.keys(SHAPE).length).fill(0);
    if (total !== shaped) continue;
    const c = { ...emptyCounts(), nonMissing: total! - token!, int: integer!, float: integer! + decimal! + padded!, padded: padded!, bool: boolean!, date: date!, dateTime: dateTime! };
    const type = decideType(c, delimiter);
    inferred.set(index, { type, withTokens: token! > 0 && type.dataType !== 'sc:Text' });
  }
  return inferred;
}
