/**
 * Column type inference from string values, shared by delimited files and in-memory rows.
 *
 * Rules (a column gets a type only when all its non-missing values fit, up to TOLERANCE_RATIO):
 * - Missing values (missing.ts): an empty field is missing in every column. Null-like tokens (`NA`,
 *   `NULL`, `None`, `-`, … NULL_LIKE_TOKENS) are no evidence either way: when the other values give
 *   a column a number, boolean or date type, its tokens are missing; in a text column they are
 *   ordinary values (`None` as a damage level, `NA` for Namibia), counted in `nullLikeCount`.
 * - sc:Boolean: true/false in any letter case.
 * - sc:Integer: optional sign and digits without leading zeros, within int64. Any zero-padded value
 *   (`001`, `-07`) keeps the whole column sc:Text: such values are codes, and parsing would lose the zeros.
 * - sc:Float: integers and decimals/exponents (`1.5`, `.5`, `1e-3`).
 * - sc:Date: `YYYY-MM-DD` (a real calendar date). sc:DateTime: dates mixed with
 *   `YYYY-MM-DD[T ]HH:MM[:SS[.fff]]`, optionally with `Z`/`±HH:MM` (converted to UTC).
 * - Grouped numbers: `1,234,567` / `1,234.5` (comma thousands) or `3,14` / `1.234,5` (decimal comma).
 *   `1,234` alone is ambiguous: it is a decimal comma in a `;`-delimited file (the European
 *   convention that makes `;` files exist) and a thousands separator otherwise. A `;` file never
 *   gets comma thousands (there, `104,106,107` is a list of codes).
 * - Everything else is sc:Text.
 */
import type { DataType } from './types.js';

/** 1 value in 10,000 may fail to parse; those values are reported as `unparsedCount`. */
const TOLERANCE_RATIO = 0.0001;

export type NumberFormat = 'plain' | 'thousandsComma' | 'decimalComma';

export interface ColumnType {
  dataType: DataType;
  format: NumberFormat;
  /** DateTime values carry UTC offsets, so they are read as TIMESTAMPTZ and converted to UTC. */
  zoned: boolean;
}

const INT = /^[-+]?(0|[1-9]\d*)$/;
const PADDED = /^[-+]?0\d+$/;
const FLOAT = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const BOOL = /^(true|false)$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?$/;
const ZONED = /^(\d{4})-(\d{2})-(\d{2})[T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)$/;
const THOUSANDS_INT = /^[-+]?\d{1,3}(,\d{3})+$/;
const THOUSANDS_FLOAT = /^[-+]?\d{1,3}(,\d{3})+\.\d+$/;
const DECIMAL_COMMA = /^[-+]?(\d+|\d{1,3}(\.\d{3})+),\d+$/;
const AMBIGUOUS_COMMA = /^[-+]?\d{1,3},\d{3}$/;
const INT64_MAX = '9223372036854775807';

export interface FormatCounts {
  nonMissing: number;
  int: number;
  padded: number;
  float: number;
  bool: number;
  date: number;
  dateTime: number;
  zoned: number;
  thousandsInt: number;
  thousandsFloat: number;
  decimalComma: number;
  ambiguousComma: number;
}

/** Plain text: the type every column falls back to (frozen, so it can be shared). */
export const TEXT_TYPE: ColumnType = Object.freeze({ dataType: 'sc:Text', format: 'plain', zoned: false });

export function emptyCounts(): FormatCounts {
  return { nonMissing: 0, int: 0, padded: 0, float: 0, bool: 0, date: 0, dateTime: 0, zoned: 0, thousandsInt: 0, thousandsFloat: 0, decimalComma: 0, ambiguousComma: 0 };
}

function fitsInt64(text: string): boolean {
  if (text.length < 19) return true;
  const digits = text.replace(/^[-+]/, '');
  return digits.length < 19 || (digits.length === 19 && digits <= INT64_MAX);
}

function isCalendarDate(match: RegExpMatchArray): boolean {
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function countTemporal(value: string, counts: FormatCounts): void {
  const date = DATE.exec(value);
  if (date) {
    if (isCalendarDate(date)) counts.date += 1;
    return;
  }
  const dateTime = DATETIME.exec(value);
  if (dateTime) {
    if (isCalendarDate(dateTime)) counts.dateTime += 1;
    return;
  }
  const zoned = ZONED.exec(value);
  if (zoned && isCalendarDate(zoned)) counts.zoned += 1;
}

function countGrouped(value: string, counts: FormatCounts): void {
  if (THOUSANDS_INT.test(value)) counts.thousandsInt += 1;
  else if (THOUSANDS_FLOAT.test(value)) counts.thousandsFloat += 1;
  if (DECIMAL_COMMA.test(value)) counts.decimalComma += 1;
  if (AMBIGUOUS_COMMA.test(value)) counts.ambiguousComma += 1;
}

/**
 * Adds one non-missing value to the per-format counts of its column. Returns false when the value
 * can be of no type but text (it counts for none of them); true may still mean text.
 */
const isDigit = (code: number): boolean => code >= 48 && code <= 57;

export function countValue(value: string, counts: FormatCounts): boolean {
  counts.nonMissing += 1;
  const first = value.charCodeAt(0);
  const numericStart = isDigit(first) || first === 45 || first === 43 || first === 46;
  if (numericStart) {
    // A digit then `-` at index 4 (how dates begin) fits no number format: only the temporal ones can match.
    const dateLike = value.charCodeAt(4) === 45 && isDigit(value.charCodeAt(3));
    if (dateLike) {
      if (value.length >= 10) countTemporal(value, counts);
      return true;
    }
    const integer = INT.test(value);
    if (integer) {
      if (fitsInt64(value)) counts.int += 1;
    } else if (PADDED.test(value)) counts.padded += 1;
    // Every integer matches FLOAT, and one of fewer than 309 characters is a finite double.
    const float = integer ? value.length < 309 || Number.isFinite(Number(value)) : FLOAT.test(value) && Number.isFinite(Number(value));
    if (float) counts.float += 1;
    if (value.includes(',')) countGrouped(value, counts);
    if (value.length >= 10) countTemporal(value, counts);
    return true;
  }
  if (!BOOL.test(value)) return false;
  counts.bool += 1;
  return true;
}

function groupedType(c: FormatCounts, fits: (n: number) => boolean, delimiter: string): ColumnType | undefined {
  const thousands = c.thousandsInt + c.thousandsFloat;
  // In `;` files the comma is the decimal mark, so `104,106,107` there is a list, not a number.
  const thousandsFits = delimiter !== ';' && thousands > 0 && fits(thousands + c.float);
  const decimalFits = c.decimalComma > 0 && fits(c.decimalComma + c.int);
  const allAmbiguous = c.ambiguousComma === c.decimalComma && c.ambiguousComma === thousands;
  if (decimalFits && (!thousandsFits || (allAmbiguous && delimiter === ';'))) {
    return { dataType: 'sc:Float', format: 'decimalComma', zoned: false };
  }
  if (!thousandsFits) return undefined;
  const integer = c.thousandsFloat === 0 && fits(c.thousandsInt + c.int);
  return { dataType: integer ? 'sc:Integer' : 'sc:Float', format: 'thousandsComma', zoned: false };
}

export function toleranceFor(nonMissing: number): number {
  return Math.floor(nonMissing * TOLERANCE_RATIO);
}

/** Chooses the column type from the format counts of all (or a head sample of) its values. */
export function decideType(c: FormatCounts, delimiter: string): ColumnType {
  if (c.nonMissing === 0) return TEXT_TYPE;
  const fits = (count: number): boolean => count >= c.nonMissing - toleranceFor(c.nonMissing);
  if (fits(c.bool)) return { dataType: 'sc:Boolean', format: 'plain', zoned: false };
  if (c.padded > 0) return TEXT_TYPE;
  if (fits(c.float)) {
    const integer = c.float === c.int;
    return { dataType: integer ? 'sc:Integer' : 'sc:Float', format: 'plain', zoned: false };
  }
  if (fits(c.date)) return { dataType: 'sc:Date', format: 'plain', zoned: false };
  if (fits(c.date + c.dateTime + c.zoned)) return { dataType: 'sc:DateTime', format: 'plain', zoned: c.zoned > 0 };
  return groupedType(c, fits, delimiter) ?? TEXT_TYPE;
}

/** The DuckDB type each column is stored as. */
function storageType(type: ColumnType): string {
  switch (type.dataType) {
    case 'sc:Integer': return 'BIGINT';
    case 'sc:Float': return 'DOUBLE';
    case 'sc:Boolean': return 'BOOLEAN';
    case 'sc:Date': return 'DATE';
    case 'sc:DateTime': return 'TIMESTAMP';
    case 'sc:Text': return 'VARCHAR';
  }
}

/**
 * How read_csv parses the column in the fast path. DuckDB's BIGINT parser rounds `1.5` and its DATE
 * parser drops a time of day, silently; so integers are read as DOUBLE and dates as TIMESTAMP, and
 * fastPathCheck.ts then looks for fractions and times (grouped numbers need string surgery first).
 */
export function readType(type: ColumnType): string {
  if (type.format !== 'plain') return 'VARCHAR';
  if (type.dataType === 'sc:DateTime' && type.zoned) return 'TIMESTAMPTZ';
  if (type.dataType === 'sc:Integer') return 'DOUBLE';
  if (type.dataType === 'sc:Date') return 'TIMESTAMP';
  return storageType(type);
}

function normalized(type: ColumnType, ident: string): string {
  if (type.format === 'thousandsComma') return `replace(${ident}, ',', '')`;
  if (type.format === 'decimalComma') return `replace(replace(${ident}, '.', ''), ',', '.')`;
  return ident;
}

/**
 * SQL turning the column as read (`ident`, of readType, or VARCHAR when `fromText`) into its
 * storage type. `cast` is CAST (fast path: a failure aborts and triggers the careful path) or TRY_CAST.
 */
export function conversionSql(type: ColumnType, ident: string, fromText: boolean, cast: 'CAST' | 'TRY_CAST'): string {
  const target = storageType(type);
  if (!fromText && type.format === 'plain') {
    return type.dataType === 'sc:DateTime' && type.zoned ? `CAST(${ident} AS TIMESTAMP)` : ident;
  }
  if (type.dataType === 'sc:DateTime' && type.zoned) return `CAST(${cast}(${ident} AS TIMESTAMPTZ) AS TIMESTAMP)`;
  if (type.dataType === 'sc:Text') return ident;
  const converted = `${cast}(${normalized(type, ident)} AS ${target})`;
  // Only values of the documented shape count: DuckDB alone would accept `1.5` as an integer, a
  // timestamp as a date, and `inf` as a float.
  if (type.format === 'plain' && type.dataType === 'sc:Integer') return `CASE WHEN regexp_full_match(${ident}, '[-+]?[0-9]+') THEN ${converted} END`;
  if (type.dataType === 'sc:Date') return `CASE WHEN regexp_full_match(${ident}, '[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN ${converted} END`;
  if (type.dataType === 'sc:Float') return `CASE WHEN isfinite(${converted}) THEN ${converted} END`;
  return converted;
}

/** The next, more general type to try when too many values fail to parse (ends at sc:Text). */
export function widerType(type: ColumnType): ColumnType {
  if (type.dataType === 'sc:Integer') return { ...type, dataType: 'sc:Float' };
  if (type.dataType === 'sc:Date') return { ...type, dataType: 'sc:DateTime' };
  return TEXT_TYPE;
}
