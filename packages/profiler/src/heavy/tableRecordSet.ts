import type { IdFactory } from '../ids.js';
import type { ColumnProfile, ColumnStatistics, TableProfile } from '../tabular/index.js';
import { toJsonValue } from '../util/toJsonValue.js';

type JsonObject = Record<string, unknown>;

/** Where a table comes from: a file, or one sheet of a workbook. */
export interface TableSource {
  relativePath: string;
  sheet?: string;
  /** `@id` of the FileObject the fields point at (the file's, or the sheet's). */
  fileObjectId: string;
}

/** The reference's 15 statistics keys in its order, then ours (profile-format.md 4.7 and section 0). */
const STATISTICS_ORDER = [
  'rowCount', 'mean', 'median', 'standardDeviation', 'min', 'max', 'missingCount', 'missingPercentage',
  'histogram', 'uniqueCount', 'variance', 'range', 'percentile05', 'percentile95', 'generatedAt',
  'valueCount', 'unparsedCount', 'approximate', 'rankError', 'minLength', 'maxLength', 'mostFrequent',
  'nullLikeCount', 'geometryTypes', 'srids', 'boundingBox',
] as const;

/** A `cr:RecordSet` for a profiled table: one `cr:Field` per column, and the first rows as `examples`. */
export function tableRecordSet(name: string, source: TableSource, table: TableProfile, ids: IdFactory): JsonObject {
  return {
    '@type': 'cr:RecordSet',
    '@id': ids('recordSet', source.relativePath, source.sheet),
    name,
    field: table.columns.map((column) => fieldOf(column, source, ids)),
    examples: toJsonValue(table.examples),
    ...(table.skippedRows > 0 ? { skippedRows: table.skippedRows } : {}),
    ...(table.warnings.length > 0 ? { warnings: [...table.warnings] } : {}),
  };
}

function fieldOf(column: ColumnProfile, source: TableSource, ids: IdFactory): JsonObject {
  return {
    '@type': 'cr:Field',
    '@id': ids('field', source.relativePath, source.sheet, column.name),
    name: column.name,
    description: '',
    dataType: column.dataType,
    source: { fileObject: { '@id': source.fileObjectId }, extract: { column: column.name } },
    sample: toJsonValue(column.sample),
    statistics: {
      '@id': ids('statistics', source.relativePath, source.sheet, column.name),
      '@type': 'dg:ColumnStatistics',
      ...orderedStatistics(column.statistics),
    },
  };
}

/** Statistics as plain JSON in a fixed key order; absent optional keys stay absent. */
export function orderedStatistics(statistics: ColumnStatistics): JsonObject {
  const values = statistics as unknown as JsonObject;
  const known = new Set<string>(STATISTICS_ORDER);
  const keys = [...STATISTICS_ORDER, ...Object.keys(values).filter((key) => !known.has(key)).sort()];
  return Object.fromEntries(keys.filter((key) => values[key] !== undefined).map((key) => [key, toJsonValue(values[key])]));
}
