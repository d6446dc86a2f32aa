/**
 * Histograms: 10 equal-width bins whose edges run exactly from min to max (inner edges rounded to
 * 12 significant digits), the first bin closed on both ends, the others (lo, hi]. DuckDB's
 * histogram(x, boundaries) counts x <= boundary per boundary, which is exactly that binning, so the
 * counts always agree with the printed edges.
 */
const BINS = 10;

export interface HistogramColumn { min: number; max: number; count: number }

function round12(x: number): number {
  return Number(x.toPrecision(12));
}

/** The i-th of BINS equal steps from min to max, finite whenever min and max are. */
function innerEdge(min: number, max: number, i: number): number {
  const width = (max - min) / BINS;
  if (Number.isFinite(width)) return min + i * width;
  // The span overflows a double only when min < 0 < max; then interpolating sums two terms of
  // opposite signs, each no larger than its end, so it cannot overflow.
  return min * ((BINS - i) / BINS) + max * (i / BINS);
}

/** Bin edges; an inner edge keeps full precision when rounding would break strict ordering. */
export function binEdges(min: number, max: number): number[] {
  const edges = [min];
  for (let i = 1; i < BINS; i += 1) {
    const exact = innerEdge(min, max, i);
    const rounded = round12(exact);
    const previous = edges[i - 1] as number;
    edges.push(rounded > previous && rounded < max ? rounded : exact);
  }
  edges.push(max);
  return edges;
}

/** Edges as SQL literals must be finite (`Infinity` reads as a column name): else no histogram. */
function finiteEdges(column: HistogramColumn): number[] | null {
  const edges = binEdges(column.min, column.max);
  return edges.every(Number.isFinite) ? edges : null;
}

function formatHistogram(bins: { binRange: [number, number]; count: number }[]): string {
  return JSON.stringify(bins);
}

/** `value`: the column as an SQL DOUBLE expression. */
export function histogramSql(column: HistogramColumn, value: string): string {
  const edges = finiteEdges(column);
  if (!edges) return 'NULL';
  const boundaries = edges.slice(1).map((e) => `${e}::DOUBLE`);
  return `histogram(${value}, [${boundaries.join(', ')}])`;
}

/** The histogram JSON string from histogramSql's result; a constant column gets a single [v, v] bin, non-finite edges none. */
export function readHistogram(column: HistogramColumn, value: unknown): string | null {
  if (column.max === column.min) return formatHistogram([{ binRange: [column.min, column.max], count: column.count }]);
  const edges = finiteEdges(column);
  if (!edges) return null;
  const counts = new Map<number, number>();
  const entries = Array.isArray(value) ? (value as { key: unknown; value: unknown }[]) : [];
  for (const entry of entries) counts.set(Number(entry.key), Number(entry.value));
  const bins = edges.slice(1).map((hi, i) => ({ binRange: [edges[i] as number, hi] as [number, number], count: counts.get(hi) ?? 0 }));
  return formatHistogram(bins);
}
