/** Runs the statistics queries for every column of a loaded table and assembles ColumnStatistics. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { finiteOrNull } from './jsonValues.js';
import type { LoadedColumn, LoadedTable, TablePart } from './loadedTable.js';
import { numericStatistics, type NumericResult } from './numericStats.js';
import { digestedTextStatistics } from './textDigests.js';
import { temporalStatistics, textStatistics, type TemporalResult, type TextResult } from './textStats.js';
import type { ColumnStatistics, DataType } from './types.js';

const NUMERIC: readonly DataType[] = ['sc:Integer', 'sc:Float', 'sc:Boolean'];
const TEMPORAL: readonly DataType[] = ['sc:Date', 'sc:DateTime'];

function baseStatistics(loaded: LoadedTable, column: LoadedColumn, count: number, generatedAt: string): ColumnStatistics {
  const rows = loaded.rowCount;
  const valueCount = count + column.unparsedCount;
  const missing = rows - valueCount;
  const statistics: ColumnStatistics = {
    rowCount: rows, valueCount, missingCount: missing, missingPercentage: rows === 0 ? null : (100 * missing) / rows,
    uniqueCount: 0, min: null, max: null, mean: null, median: null, variance: null, standardDeviation: null,
    range: null, percentile05: null, percentile95: null, histogram: null, generatedAt,
  };
  if (column.unparsedCount > 0) statistics.unparsedCount = column.unparsedCount;
  return statistics;
}

function numericFields(s: ColumnStatistics, r: NumericResult): void {
  const [p05 = null, median = null, p95 = null] = r.quantiles;
  // The standard deviation is rounded from the exact variance, not from its rounded double, and may
  // be representable when the variance is not (values near ±1e300).
  Object.assign(s, {
    uniqueCount: r.unique, min: r.min, max: r.max, mean: r.mean, median, variance: r.variance,
    standardDeviation: r.standardDeviation,
    // max - min rounds once (IEEE subtraction), so it is exact too; beyond the double range, null.
    range: r.min === null || r.max === null ? null : finiteOrNull(r.max - r.min),
    percentile05: p05, percentile95: p95, histogram: r.histogram,
  });
  if (!r.momentsExact) s.approximate = ['mean', 'variance', 'standardDeviation'];
}

function temporalFields(s: ColumnStatistics, r: TemporalResult): void {
  Object.assign(s, { uniqueCount: r.unique, min: r.min, max: r.max });
}

function textFields(s: ColumnStatistics, r: TextResult): void {
  s.uniqueCount = r.unique;
  if (r.minLength !== null && r.maxLength !== null) Object.assign(s, { minLength: r.minLength, maxLength: r.maxLength });
  s.mostFrequent = r.mostFrequent;
  s.nullLikeCount = r.nullLike;
}

function indexesOf(loaded: LoadedTable, part: TablePart, types: readonly DataType[]): number[] {
  return part.indexes.filter((i) => types.includes(loaded.columns[i]!.type.dataType));
}

interface PartResults { numeric: Map<number, NumericResult>; temporal: Map<number, TemporalResult>; text: Map<number, TextResult> }

async function partStatistics(connection: DuckDBConnection, loaded: LoadedTable, part: TablePart): Promise<PartResults> {
  const typed = (types: readonly DataType[]) => indexesOf(loaded, part, types).map((index) => ({ index, dataType: loaded.columns[index]!.type.dataType }));
  const numeric = await numericStatistics(connection, part.table, typed(NUMERIC), loaded.rowCount);
  const temporal = await temporalStatistics(connection, part.table, typed(TEMPORAL));
  const texts = indexesOf(loaded, part, ['sc:Text']);
  const digests = part.digests ?? [];
  const text = await textStatistics(connection, part.table, texts.filter((i) => !digests.some((d) => d.index === i)), loaded.rowCount);
  if (digests.length > 0) {
    for (const [i, result] of await digestedTextStatistics(connection, part.table, part.orderedSource!, digests)) text.set(i, result);
  }
  return { numeric, temporal, text };
}

function assemble(loaded: LoadedTable, index: number, results: PartResults, generatedAt: string): ColumnStatistics {
  const n = results.numeric.get(index);
  const t = results.temporal.get(index);
  const x = results.text.get(index);
  const statistics = baseStatistics(loaded, loaded.columns[index]!, n?.count ?? t?.count ?? x?.count ?? 0, generatedAt);
  if (n) numericFields(statistics, n);
  else if (t) temporalFields(statistics, t);
  else if (x) textFields(statistics, x);
  return statistics;
}

export async function columnStatistics(connection: DuckDBConnection, loaded: LoadedTable, generatedAt: string): Promise<ColumnStatistics[]> {
  const statistics: ColumnStatistics[] = [];
  for (const part of loaded.parts) {
    const results = await partStatistics(connection, loaded, part);
    for (const index of part.indexes) statistics[index] = assemble(loaded, index, results, generatedAt);
  }
  return statistics;
}
