/** Candidate column types from string values (a file's head, or every row of an in-memory table). */
import { countValue, decideType, emptyCounts, TEXT_TYPE, toleranceFor, type ColumnType, type FormatCounts } from './inference.js';
import { isNullLike } from './missing.js';

export interface InferredColumn {
  type: ColumnType;
  /** The type is not text and the values hold a null-like token (missing there, see missing.ts). */
  withTokens: boolean;
}

type Scan = { counts: FormatCounts; withTokens: boolean } | 'text';

/**
 * Counts the formats of the values (`rowCount` of them at most). Empty fields and null-like tokens
 * are no evidence of a type (missing.ts). Reading stops once more values fit no type than the
 * tolerance of `rowCount` values allows: whatever follows, the column is text, and a head of long
 * texts is then barely read.
 */
function scanColumn(values: Iterable<unknown>, rowCount: number): Scan {
  const counts = emptyCounts();
  const tolerance = toleranceFor(rowCount);
  let typeless = 0;
  let withTokens = false;
  for (const value of values) {
    if (typeof value !== 'string' || value === '') continue;
    if (isNullLike(value)) withTokens = true;
    else if (!countValue(value, counts) && ++typeless > tolerance) return 'text';
  }
  return { counts, withTokens };
}

/** One column's candidate type from its values (`rowCount` of them at most). */
export function inferColumn(values: Iterable<unknown>, rowCount: number, delimiter: string): InferredColumn {
  const scan = scanColumn(values, rowCount);
  if (scan === 'text') return { type: TEXT_TYPE, withTokens: false };
  const type = decideType(scan.counts, delimiter);
  return { type, withTokens: scan.withTokens && type.dataType !== 'sc:Text' };
}

/**
 * The values alone make the column text for any `rowCount` or fewer values that begin with them
 * (inferColumn would stop reading there, whatever follows).
 */
export function surelyText(values: Iterable<unknown>, rowCount: number): boolean {
  return scanColumn(values, rowCount) === 'text';
}

export function inferColumnTypes(rows: readonly (readonly unknown[])[], columnCount: number, delimiter: string): ColumnType[] {
  return Array.from({ length: columnCount }, (_, column) => inferColumn(rows.map((row) => row[column]), rows.length, delimiter).type);
}
