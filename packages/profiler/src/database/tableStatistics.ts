/**
 * A table's statistics, computed in the database with aggregate SQL, in the same JSON shape as a
 * file table's (tabular/columnStatistics.ts). Three scans at most (four with PostGIS columns), each
 * covering every column that needs it: the aggregates (exact counts, min/max, avg, var_samp/stddev_samp,
 * percentile_cont, count(DISTINCT)); the histograms (width_bucket on the bin edges the file
 * tables use, which needs min and max first); and one grouping of all text-like columns (distinct
 * counts, lengths, most frequent values). PostGIS columns add one grouping of their own (values
 * per geometry type and SRID, with their extent). A table estimated above `sampleAboveRows` is read
 * through TABLESAMPLE SYSTEM with a fixed seed, so every scan sees the same sample.
 */
import type pg from 'pg';
import { booleanResult } from '../tabular/booleanStats.js';
import { binEdges, readHistogram } from '../tabular/histogram.js';
import { finiteOrNull } from '../tabular/jsonValues.js';
import type { ColumnStatistics } from '../tabular/types.js';
import { toJsonValue } from '../util/toJsonValue.js';
import { quoteIdent, type ColumnInfo, type RelationInfo } from './catalog.js';
import type { DatabaseSettings } from './connection.js';
import { fieldTypeOf, type FieldType } from './fieldTypes.js';

const QUANTILES = [0.05, 0.5, 0.95] as const;
const BINS = 10;
const SAMPLE_ROWS = 10;
/** Rows read for samples and examples. */
const HEAD_ROWS = 1_000;
const EXAMPLE_ROWS = 30;
const TOP = 5;
const SAMPLE_SEED = 0;

export interface Sampling { method: 'SYSTEM'; fraction: number }

export interface DatabaseColumnProfile {
  column: ColumnInfo;
  type: FieldType;
  sample: unknown[];
  statistics: ColumnStatistics & { sampled?: Sampling };
}

export interface DatabaseTableProfile {
  rowCount: number;
  sampled?: Sampling;
  columns: DatabaseColumnProfile[];
  examples: Record<string, unknown>[];
}

interface Typed { index: number; column: ColumnInfo; type: FieldType; q: string }

const SAMPLEABLE = new Set<RelationInfo['kind']>(['table', 'materialized view', 'partitioned table', 'hypertable']);

/** TABLESAMPLE when the estimate is above the limit and the relation has storage to sample. */
export function samplingOf(relation: RelationInfo, settings: DatabaseSettings): Sampling | undefined {
  const estimate = relation.rowEstimate;
  if (estimate === null || estimate <= settings.sampleAboveRows || !SAMPLEABLE.has(relation.kind)) return undefined;
  return { method: 'SYSTEM', fraction: settings.sampleAboveRows / estimate };
}

/** A PostGIS function, called in the schema of the column's type (the extension's), which need not be on the search path. */
const postgis = (c: Typed, name: string): string => `${quoteIdent(c.column.typeSchema)}.${name}`;
/** The value as a geometry (a geography keeps its SRID). */
const asGeometry = (c: Typed): string => `(${c.q})::${postgis(c, 'geometry')}`;

const fromSql = (relation: RelationInfo, sampling: Sampling | undefined): string =>
  sampling ? `${relation.sql} TABLESAMPLE SYSTEM (${sampling.fraction * 100}) REPEATABLE (${SAMPLE_SEED})` : relation.sql;

async function arrayRows(client: pg.ClientBase, text: string): Promise<unknown[][]> {
  return (await client.query<unknown[]>({ text, rowMode: 'array' })).rows;
}

function aggregateSql(c: Typed): string[] {
  const { q } = c;
  switch (c.type.kind) {
    case 'numeric':
      return [`count(${q})`, `min(${q})::float8`, `max(${q})::float8`, `avg(${q})`, `var_samp(${q})`, `stddev_samp(${q})`,
        `percentile_cont(ARRAY[${QUANTILES.join(', ')}]::float8[]) WITHIN GROUP (ORDER BY ${q}::float8)`, `count(DISTINCT ${q})`];
    case 'boolean':
      return [`count(${q})`, `count(*) FILTER (WHERE ${q})`];
    case 'temporal':
      return [`count(${q})`, `replace(min(${q})::text, ' ', 'T')`, `replace(max(${q})::text, ' ', 'T')`, `count(DISTINCT ${q})`];
    case 'spatial':
      return [`count(${q})`, `count(DISTINCT ${postgis(c, 'st_asewkb')}(${asGeometry(c)}))`];
    case 'text':
      return [];
  }
}

const number = (value: unknown): number | null => (value === null || value === undefined ? null : finiteOrNull(Number(value)));

function baseStatistics(rows: number, count: number, generatedAt: string): ColumnStatistics {
  const missing = rows - count;
  return {
    rowCount: rows, valueCount: count, missingCount: missing, missingPercentage: rows === 0 ? null : (100 * missing) / rows,
    uniqueCount: 0, min: null, max: null, mean: null, median: null, variance: null, standardDeviation: null,
    range: null, percentile05: null, percentile95: null, histogram: null, generatedAt,
  };
}

interface NumericValues { count: number; min: number | null; max: number | null; mean: number | null; variance: number | null; standardDeviation: number | null; quantiles: (number | null)[]; unique: number; histogram: string | null }

function numericFields(s: ColumnStatistics, r: NumericValues): void {
  const clamp = (q: number | null): number | null => (q === null || r.min === null || r.max === null ? q : Math.min(r.max, Math.max(r.min, q)));
  const [p05 = null, median = null, p95 = null] = r.quantiles.map(clamp);
  Object.assign(s, {
    uniqueCount: r.unique, min: r.min, max: r.max, mean: r.mean, median, variance: r.variance, standardDeviation: r.standardDeviation,
    range: r.min === null || r.max === null ? null : finiteOrNull(r.max - r.min),
    percentile05: p05, percentile95: p95, histogram: r.histogram,
  });
}

function readNumeric(values: unknown[]): NumericValues {
  const [count, min, max, mean, variance, deviation, quantiles, unique] = values;
  return {
    count: Number(count), min: number(min), max: number(max), mean: number(mean), variance: number(variance), standardDeviation: number(deviation),
    quantiles: Array.isArray(quantiles) ? quantiles.map(number) : QUANTILES.map(() => null), unique: Number(unique ?? 0), histogram: null,
  };
}

/** Edges from min to max as the file tables bin them; negated and reversed, width_bucket counts (lo, hi] bins. */
function histogramSql(c: Typed, range: { min: number; max: number }): string | undefined {
  const edges = binEdges(range.min, range.max);
  if (!edges.every(Number.isFinite)) return undefined;
  const thresholds = edges.slice(1).map((e) => -e).reverse();
  return `width_bucket(-(${c.q})::float8, ARRAY[${thresholds.map((t) => `${t}::float8`).join(', ')}])`;
}

/** width_bucket's bucket k (1..10) of the negated value is bin 10 - k from the bottom. */
function histogramEntries(range: { min: number; max: number }, counts: unknown[]): { key: number; value: number }[] {
  const edges = binEdges(range.min, range.max);
  return edges.slice(1).map((hi, bin) => ({ key: hi, value: Number(counts[BINS - 1 - bin] ?? 0) }));
}

async function histograms(client: pg.ClientBase, from: string, ranged: { c: Typed; r: NumericValues & { min: number; max: number } }[]): Promise<void> {
  const binned = ranged.flatMap(({ c, r }) => {
    if (r.min === r.max) {
      r.histogram = readHistogram({ min: r.min, max: r.max, count: r.count }, []);
      return [];
    }
    const sql = histogramSql(c, r);
    return sql ? [{ c, r, sql }] : [];
  });
  if (binned.length === 0) return;
  const buckets = binned.map((b, i) => `${b.sql} AS b${i}`).join(', ');
  const counts = binned.flatMap((_, i) => Array.from({ length: BINS }, (__, k) => `count(*) FILTER (WHERE b${i} = ${k + 1})`));
  const [row = []] = await arrayRows(client, `SELECT ${counts.join(', ')} FROM (SELECT ${buckets} FROM ${from}) AS binned`);
  binned.forEach(({ r }, i) => {
    r.histogram = readHistogram({ min: r.min, max: r.max, count: r.count }, histogramEntries(r, row.slice(i * BINS, (i + 1) * BINS)));
  });
}

interface TextValues { unique: number; count: number; minLength: number | null; maxLength: number | null; mostFrequent: { value: unknown; count: number }[] }

/** Every text-like column in one scan: the values stacked by column, grouped, ranked within each column. */
async function textValues(client: pg.ClientBase, from: string, columns: Typed[]): Promise<Map<number, TextValues>> {
  const results = new Map<number, TextValues>();
  if (columns.length === 0) return results;
  const stacked = columns.map((c) => `(${c.index}, ${c.q}::text)`).join(', ');
  const sql = `WITH g AS (
      SELECT x.k, x.v, count(*) AS n FROM ${from} CROSS JOIN LATERAL (VALUES ${stacked}) AS x(k, v) WHERE x.v IS NOT NULL GROUP BY x.k, x.v),
    r AS (SELECT k, v, n, row_number() OVER (PARTITION BY k ORDER BY n DESC, v COLLATE "C") AS rank,
      count(*) OVER w AS u, sum(n) OVER w AS total, min(length(v)) OVER w AS shortest, max(length(v)) OVER w AS longest
      FROM g WINDOW w AS (PARTITION BY k))
    SELECT k, max(u), max(total), max(shortest), max(longest), json_agg(json_build_object('v', v, 'n', n) ORDER BY rank)
    FROM r WHERE rank <= ${TOP} GROUP BY k`;
  for (const [k, unique, total, shortest, longest, top] of await arrayRows(client, sql)) {
    results.set(Number(k), {
      unique: Number(unique), count: Number(total), minLength: number(shortest), maxLength: number(longest),
      mostFrequent: ((top as { v: string; n: number }[] | null) ?? []).map((e) => ({ value: e.v, count: Number(e.n) })),
    });
  }
  return results;
}

type Box = [number, number, number, number];
interface SpatialValues { geometryTypes: Record<string, number>; srids: number[]; boundingBox: Record<string, Box> }

/** Every PostGIS column in one scan: values grouped by column, geometry type and SRID, each group with its extent. */
async function spatialValues(client: pg.ClientBase, from: string, columns: Typed[]): Promise<Map<number, SpatialValues>> {
  const results = new Map<number, SpatialValues>();
  const [first] = columns;
  if (!first) return results;
  const fn = (name: string) => postgis(first, name);
  const stacked = columns.map((c) => `(${c.index}, ${asGeometry(c)})`).join(', ');
  const sql = `SELECT x.k, ${fn('geometrytype')}(x.g), ${fn('st_srid')}(x.g), count(*),
      min(${fn('st_xmin')}(x.g)), min(${fn('st_ymin')}(x.g)), max(${fn('st_xmax')}(x.g)), max(${fn('st_ymax')}(x.g))
    FROM ${from} CROSS JOIN LATERAL (VALUES ${stacked}) AS x(k, g) WHERE x.g IS NOT NULL GROUP BY 1, 2, 3`;
  const groups = new Map<number, unknown[][]>();
  for (const row of await arrayRows(client, sql)) groups.set(Number(row[0]), [...(groups.get(Number(row[0])) ?? []), row]);
  for (const [k, rows] of groups) {
    const types = new Map<string, number>();
    const boxes = new Map<number, Box>();
    for (const [, type, srid, n, ...bounds] of rows) {
      types.set(String(type), (types.get(String(type)) ?? 0) + Number(n));
      // Empty geometries have no extent (NULL bounds); coordinates of different SRIDs are never mixed.
      const [xmin, ymin, xmax, ymax] = bounds.map(number);
      if (xmin == null || ymin == null || xmax == null || ymax == null) continue;
      const box = boxes.get(Number(srid));
      boxes.set(Number(srid), box ? [Math.min(box[0], xmin), Math.min(box[1], ymin), Math.max(box[2], xmax), Math.max(box[3], ymax)] : [xmin, ymin, xmax, ymax]);
    }
    const srids = [...new Set(rows.map((row) => Number(row[2])))].sort((a, b) => a - b);
    results.set(k, {
      geometryTypes: Object.fromEntries([...types].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))),
      srids,
      boundingBox: Object.fromEntries(srids.flatMap((srid) => (boxes.has(srid) ? [[String(srid), boxes.get(srid)!]] : []))),
    });
  }
  return results;
}

/** How a column is read for examples and samples: geometries as EWKT text rather than hex WKB. */
const readableSql = (c: Typed): string => (c.type.kind === 'spatial' ? `${postgis(c, 'st_asewkt')}(${asGeometry(c)})` : c.q);

/** The first rows (in primary-key order when there is one): examples, and samples of first-seen distinct values. */
async function headRows(client: pg.ClientBase, relation: RelationInfo, typed: Typed[]): Promise<{ examples: Record<string, unknown>[]; samples: unknown[][] }> {
  if (typed.length === 0) return { examples: [], samples: [] };
  const order = relation.primaryKey.length > 0 ? ` ORDER BY ${relation.primaryKey.map(quoteIdent).join(', ')}` : '';
  const rows = await arrayRows(client, `SELECT ${typed.map(readableSql).join(', ')} FROM ${relation.sql}${order} LIMIT ${HEAD_ROWS}`);
  const examples = rows.slice(0, EXAMPLE_ROWS).map((row) => Object.fromEntries(typed.map((c, i) => [c.column.name, toJsonValue(row[i])])));
  const samples = typed.map((_, i) => {
    const seen = new Map<string, unknown>();
    for (const row of rows) {
      const value = toJsonValue(row[i]);
      if (value === null || seen.size >= SAMPLE_ROWS) continue;
      const key = JSON.stringify(value);
      if (!seen.has(key)) seen.set(key, value);
    }
    return [...seen.values()];
  });
  return { examples, samples };
}

/** Profiles one relation inside the caller's read-only transaction. */
export async function profileRelation(client: pg.ClientBase, relation: RelationInfo, settings: DatabaseSettings, generatedAt: string): Promise<DatabaseTableProfile> {
  const typed: Typed[] = relation.columns.map((column, index) => ({ index, column, type: fieldTypeOf(column), q: quoteIdent(column.name) }));
  const sampling = samplingOf(relation, settings);
  const from = fromSql(relation, sampling);
  const aggregates = typed.map(aggregateSql);
  const [row = []] = await arrayRows(client, `SELECT ${['count(*)', ...aggregates.flat()].join(', ')} FROM ${from}`);
  const rows = Number(row[0]);
  const statistics: (ColumnStatistics & { sampled?: Sampling })[] = [];
  const ranged: { c: Typed; r: NumericValues & { min: number; max: number } }[] = [];
  const numeric = new Map<number, NumericValues>();
  let offset = 1;
  for (const c of typed) {
    const values = row.slice(offset, offset + aggregates[c.index]!.length);
    offset += values.length;
    const count = c.type.kind === 'text' ? 0 : Number(values[0]);
    const s = baseStatistics(rows, count, generatedAt);
    if (c.type.kind === 'numeric') {
      const r = readNumeric(values);
      numeric.set(c.index, r);
      if (r.count > 0 && r.min !== null && r.max !== null) ranged.push({ c, r: r as NumericValues & { min: number; max: number } });
    } else if (c.type.kind === 'boolean') {
      numericFields(s, booleanResult(count, Number(values[1]), QUANTILES));
    } else if (c.type.kind === 'temporal') {
      Object.assign(s, { uniqueCount: Number(values[3]), min: values[1] ?? null, max: values[2] ?? null });
    } else if (c.type.kind === 'spatial') {
      Object.assign(s, { uniqueCount: Number(values[1]), geometryTypes: {}, srids: [], boundingBox: {} });
    }
    statistics[c.index] = s;
  }
  await histograms(client, from, ranged);
  for (const [index, r] of numeric) numericFields(statistics[index]!, r);
  for (const [index, spatial] of await spatialValues(client, from, typed.filter((c) => c.type.kind === 'spatial'))) Object.assign(statistics[index]!, spatial);
  const texts = await textValues(client, from, typed.filter((c) => c.type.kind === 'text'));
  for (const c of typed.filter((t) => t.type.kind === 'text')) {
    const t = texts.get(c.index) ?? { unique: 0, count: 0, minLength: null, maxLength: null, mostFrequent: [] };
    const s = Object.assign(baseStatistics(rows, t.count, generatedAt), { uniqueCount: t.unique });
    if (t.minLength !== null && t.maxLength !== null) Object.assign(s, { minLength: t.minLength, maxLength: t.maxLength });
    statistics[c.index] = Object.assign(s, { mostFrequent: t.mostFrequent });
  }
  if (sampling) for (const s of statistics) s.sampled = sampling;
  const head = await headRows(client, relation, typed);
  return {
    rowCount: rows,
    ...(sampling ? { sampled: sampling } : {}),
    columns: typed.map((c) => ({ column: c.column, type: c.type, sample: head.samples[c.index] ?? [], statistics: statistics[c.index]! })),
    examples: head.examples,
  };
}
