/** Candidate column types from string rows (a file's head, or every row of an in-memory table). */
import { countValue, decideType, emptyCounts, type ColumnType } from './inference.js';
import { isEmptyOrNullLike, isNullLike } from './missing.js';

/** Empty fields and null-like tokens are no evidence of a type (missing.ts). */
export function inferColumnTypes(rows: readonly (readonly unknown[])[], columnCount: number, delimiter: string): ColumnType[] {
  const counts = Array.from({ length: columnCount }, emptyCounts);
  for (const row of rows) {
    for (let column = 0; column < columnCount; column += 1) {
      const value = row[column];
      if (typeof value === 'string' && !isEmptyOrNullLike(value)) countValue(value, counts[column]!);
    }
  }
  return counts.map((c) => decideType(c, delimiter));
}

/** For each column: whether its type is not text and `rows` hold a null-like token in it. */
export function typedColumnsWithTokens(rows: readonly (readonly unknown[])[], types: readonly ColumnType[]): boolean[] {
  return types.map((type, column) => type.dataType !== 'sc:Text' && rows.some((row) => typeof row[column] === 'string' && isNullLike(row[column])));
}
