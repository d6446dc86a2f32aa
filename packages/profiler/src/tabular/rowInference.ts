/** Candidate column types from string rows (a file's head, or every row of an in-memory table). */
import { countValue, decideType, emptyCounts, type ColumnType } from './inference.js';
import { isMissingText } from './missing.js';

export function inferColumnTypes(rows: readonly (readonly unknown[])[], columnCount: number, delimiter: string): ColumnType[] {
  const counts = Array.from({ length: columnCount }, emptyCounts);
  for (const row of rows) {
    for (let column = 0; column < columnCount; column += 1) {
      const value = row[column];
      if (typeof value === 'string' && !isMissingText(value)) countValue(value, counts[column]!);
    }
  }
  return counts.map((c) => decideType(c, delimiter));
}
