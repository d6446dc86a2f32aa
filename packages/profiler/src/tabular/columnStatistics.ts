/** Runs the statistics queries for every column of a loaded table and assembles ColumnStatistics. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { histograms, type HistogramColumn } from './histogram.js';
import type { LoadedColumn, LoadedTable } from './loadedTable.js';
import { EXACT_VALUE_LIMIT, numericStatistics, SKETCH_RANK_ERROR, type NumericResult } from './numericStats.js';
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

function numericFields(s: ColumnStatistics, r: NumericResult, histogram: string | undefined, approximate: boolean): void {
  const [p05 = null, median = null, p95 = null] = r.quantiles;
  const variance = r.count >= 2 ? r.variance : null;
  Object.assign(s, {
    uniqueCount: r.unique, min: r.min, max: r.max, mean: r.mean, median, variance,
    standardDeviation: variance === null ? null : Math.sqrt(variance),
    range: r.min === null || r.max === null ? null : r.max - r.min,
    percentile05: p05, percentile95: p95, histogram: histogram ?? null,
  });
  if (approximate) Object.assign(s, { approximate: ['median', 'percentile05', 'percentile95', 'uniqueCount'], rankError: SKETCH_RANK_ERROR });
}

function temporalFields(s: ColumnStatistics, r: TemporalResult, approximate: boolean): void {
  Object.assign(s, { uniqueCount: r.unique, min: r.min, max: r.max });
  if (approximate) s.approximate = ['uniqueCount'];
}

function textFields(s: ColumnStatistics, r: TextResult): void {
  s.uniqueCount = r.unique;
  if (r.minLength !== null && r.maxLength !== null) Object.assign(s, { minLength: r.minLength, maxLength: r.maxLength });
  s.mostFrequent = r.mostFrequent;
}

function indexesOf(loaded: LoadedTable, types: readonly DataType[]): number[] {
  return loaded.columns.flatMap((c, i) => (types.includes(c.type.dataType) ? [i] : []));
}

async function numericWithHistograms(connection: DuckDBConnection, loaded: LoadedTable, approximate: boolean) {
  const columns = indexesOf(loaded, NUMERIC).map((index) => ({ index, dataType: loaded.columns[index]!.type.dataType, approximate }));
  const numeric = await numericStatistics(connection, loaded.table, columns, loaded.rowCount);
  const withData: HistogramColumn[] = columns.flatMap((c) => {
    const r = numeric.get(c.index);
    return r && r.min !== null && r.max !== null ? [{ ...c, min: r.min, max: r.max, count: r.count }] : [];
  });
  return { numeric, histogram: await histograms(connection, loaded.table, withData) };
}

export async function columnStatistics(connection: DuckDBConnection, loaded: LoadedTable, generatedAt: string): Promise<ColumnStatistics[]> {
  // Sketches only when a column could hold more values than the exact aggregates are sized for.
  const approximate = loaded.rowCount > EXACT_VALUE_LIMIT;
  const { numeric, histogram } = await numericWithHistograms(connection, loaded, approximate);
  const temporal = await temporalStatistics(connection, loaded.table, indexesOf(loaded, TEMPORAL).map((index) => ({ index, dataType: loaded.columns[index]!.type.dataType, approximate })));
  const text = await textStatistics(connection, loaded.table, indexesOf(loaded, ['sc:Text']), loaded.rowCount);
  return loaded.columns.map((column, index) => {
    const n = numeric.get(index);
    const t = temporal.get(index);
    const x = text.get(index);
    const statistics = baseStatistics(loaded, column, n?.count ?? t?.count ?? x?.count ?? 0, generatedAt);
    if (n) numericFields(statistics, n, histogram.get(index), approximate && n.count > EXACT_VALUE_LIMIT);
    else if (t) temporalFields(statistics, t, approximate && t.count > EXACT_VALUE_LIMIT);
    else if (x) textFields(statistics, x);
    return statistics;
  });
}
