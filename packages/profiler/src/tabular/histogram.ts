/**
 * Histograms: 10 equal-width bins whose edges run exactly from min to max (inner edges rounded to
 * 12 significant digits), the first bin closed on both ends, the others (lo, hi]. DuckDB's
 * histogram(x, boundaries) counts x <= boundary per boundary, which is exactly that binning, so the
 * counts always agree with the printed edges.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from './loadedTable.js';
import { numericValueSql } from './numericStats.js';
import { batchByWeight } from './sql.js';
import type { DataType } from './types.js';

const BINS = 10;
const COLUMNS_PER_QUERY = 100;

export interface HistogramColumn { index: number; dataType: DataType; min: number; max: number; count: number }

function round12(x: number): number {
  return Number(x.toPrecision(12));
}

/** Bin edges; an inner edge keeps full precision when rounding would break strict ordering. */
export function binEdges(min: number, max: number): number[] {
  const width = (max - min) / BINS;
  const edges = [min];
  for (let i = 1; i < BINS; i += 1) {
    const exact = min + i * width;
    const rounded = round12(exact);
    const previous = edges[i - 1] as number;
    edges.push(rounded > previous && rounded < max ? rounded : exact);
  }
  edges.push(max);
  return edges;
}

function formatHistogram(bins: { binRange: [number, number]; count: number }[]): string {
  return JSON.stringify(bins);
}

function bucketSql(column: HistogramColumn): string {
  const boundaries = binEdges(column.min, column.max).slice(1).map((e) => `${e}::DOUBLE`);
  return `histogram(CAST(${numericValueSql(column)} AS DOUBLE), [${boundaries.join(', ')}])`;
}

function readBuckets(column: HistogramColumn, value: unknown): string {
  const edges = binEdges(column.min, column.max);
  const counts = new Map<number, number>();
  const entries = Array.isArray(value) ? (value as { key: unknown; value: unknown }[]) : [];
  for (const entry of entries) counts.set(Number(entry.key), Number(entry.value));
  const bins = edges.slice(1).map((hi, i) => ({ binRange: [edges[i] as number, hi] as [number, number], count: counts.get(hi) ?? 0 }));
  return formatHistogram(bins);
}

/** Histogram JSON strings by column index. Constant columns get a single [v, v] bin. */
export async function histograms(connection: DuckDBConnection, table: string, columns: HistogramColumn[]): Promise<Map<number, string>> {
  const results = new Map<number, string>();
  const varying = columns.filter((c) => c.max > c.min);
  for (const c of columns) if (c.max === c.min) results.set(c.index, formatHistogram([{ binRange: [c.min, c.max], count: c.count }]));
  for (const batch of batchByWeight(varying, () => 1, COLUMNS_PER_QUERY, COLUMNS_PER_QUERY)) {
    const rows = await queryRows(connection, `SELECT ${batch.map(bucketSql).join(', ')} FROM ${table}`);
    batch.forEach((column, i) => results.set(column.index, readBuckets(column, rows[0]?.[i])));
  }
  return results;
}
