/** Public types of the tabular statistics engine (see index.ts for the entry point). */

export type TableInput =
  | { kind: 'delimited'; path: string }
  | { kind: 'parquet'; path: string }
  | { kind: 'json'; path: string }
  | { kind: 'rows'; columns: string[]; rows: unknown[][] };

export type DataType = 'sc:Integer' | 'sc:Float' | 'sc:Boolean' | 'sc:Date' | 'sc:DateTime' | 'sc:Text';

/** Every key of profile-format.md 4.7 except @id/@type, with the definitions of its section 0. */
export interface ColumnStatistics {
  rowCount: number | null;
  valueCount: number | null;
  missingCount: number | null;
  missingPercentage: number | null;
  uniqueCount: number | null;
  min: number | string | null;
  max: number | string | null;
  mean: number | null;
  median: number | null;
  variance: number | null;
  standardDeviation: number | null;
  range: number | null;
  percentile05: number | null;
  percentile95: number | null;
  histogram: string | null;
  generatedAt: string | null;
  /** Non-missing values that did not parse as the column's type (within the tolerance of inference.ts). */
  unparsedCount?: number;
  /** Names of the statistics that are not exact: from a sketch, or (mean, variance, standardDeviation) from values rounded to a common step. */
  approximate?: string[];
  /** Rank error bound of the approximate quantiles (fraction of the value count). */
  rankError?: number;
  minLength?: number;
  maxLength?: number;
  mostFrequent?: { value: unknown; count: number }[];
  /** Text columns: values that are null-like tokens (`NA`, `None`, …), which there are values, not missing (missing.ts). */
  nullLikeCount?: number;
  /** PostGIS columns: values per geometry type (`POINT`, `POLYGON`…), most frequent first. */
  geometryTypes?: Record<string, number>;
  /** PostGIS columns: the spatial reference ids the values use. */
  srids?: number[];
  /** PostGIS columns: `[xmin, ymin, xmax, ymax]` of the values of each SRID, in its units (SRIDs whose values are all empty left out). */
  boundingBox?: Record<string, [number, number, number, number]>;
}

export interface ColumnProfile {
  name: string;
  dataType: DataType;
  sample: unknown[];
  statistics: ColumnStatistics;
}

export interface CsvDialect {
  encoding: string;
  delimiter: string;
  quote: string;
  header: boolean;
}

export interface TableProfile {
  rowCount: number;
  columns: ColumnProfile[];
  /** First <= 30 rows as objects of JSON values. */
  examples: Record<string, unknown>[];
  skippedRows: number;
  warnings: string[];
  dialect?: CsvDialect;
}

export interface ProfileTableOptions {
  /** Source of `generatedAt`; default the system clock. */
  now?: () => Date;
  /** Aborting it (a per-file time limit) interrupts the profile's running DuckDB statements. */
  signal?: AbortSignal;
}
