/** Candidate column types from string values (a file's head, or every row of an in-memory table). */
import { countValue, decideType, emptyCounts, toleranceFor, type ColumnType } from './inference.js';
import { isNullLike } from './missing.js';

const TEXT: ColumnType = { dataType: 'sc:Text', format: 'plain', zoned: false };

export interface InferredColumn {
  type: ColumnType;
  /** The type is not text and the values hold a null-like token (missing there, see missing.ts). */
  withTokens: boolean;
}

/**
 * One column's candidate type from its values (`rowCount` of them at most). Empty fields and
 * null-like tokens are no evidence of a type (missing.ts). Reading stops once more values fit no
 * type than the tolerance of `rowCount` values allows: whatever follows, the column is text, and a
 * head of long texts is then barely read.
 */
export function inferColumn(values: Iterable<unknown>, rowCount: number, delimiter: string): InferredColumn {
  const counts = emptyCounts();
  const tolerance = toleranceFor(rowCount);
  let typeless = 0;
  let withTokens = false;
  for (const value of values) {
    if (typeof value !== 'string' || value === '') continue;
    if (isNullLike(value)) withTokens = true;
    else if (!countValue(value, counts) && ++typeless > tolerance) return { type: TEXT, withTokens: false };
  }
  const type = decideType(counts, delimiter);
  return { type, withTokens: withTokens && type.dataType !== 'sc:Text' };
}

export function inferColumnTypes(rows: readonly (readonly unknown[])[], columnCount: number, delimiter: string): ColumnType[] {
  return Array.from({ length: columnCount }, (_, column) => inferColumn(rows.map((row) => row[column]), rows.length, delimiter).type);
}
