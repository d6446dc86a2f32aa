/**
 * `examples` (the first 30 rows) and `sample` (up to 10 distinct non-missing values per column,
 * first seen in file order). Both come from the rows in file order (the part's ordered source, or
 * its table), read in ever longer prefixes (see partSamples).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { jsonSelectSql, jsonValue } from './jsonValues.js';
import { queryRows, type LoadedTable, type TablePart } from './loadedTable.js';
import { columnIdent } from './sql.js';

const EXAMPLE_ROWS = 30;
const SAMPLE_SIZE = 10;
const HEAD_CELLS = 1_000_000;
const HEAD_MAX_ROWS = 10_000;
const FIRST_ROWS = 100;

function distinctFirst(values: Iterable<unknown>): unknown[] {
  const seen = new Set<string>();
  const sample: unknown[] = [];
  for (const value of values) {
    if (value === null) continue;
    const key = JSON.stringify(value);
    if (seen.has(key)) continue;
    seen.add(key);
    sample.push(value);
    if (sample.length === SAMPLE_SIZE) break;
  }
  return sample;
}

/**
 * The part's rows with their position in the file: rowid when the table is in file order, else the
 * ordered source numbered by row_number() OVER (), which DuckDB evaluates in input order.
 */
function rowsWithPosition(part: TablePart): string {
  return part.orderedSource
    ? `(SELECT *, row_number() OVER () AS position FROM ${part.orderedSource})`
    : `(SELECT *, rowid AS position FROM ${part.table})`;
}

async function sampleInFileOrder(connection: DuckDBConnection, loaded: LoadedTable, part: TablePart, index: number): Promise<unknown[]> {
  const c = columnIdent(index);
  const select = jsonSelectSql(loaded.columns[index]!.type.dataType, c);
  const sql = `SELECT v FROM (SELECT ${select} AS v, min(position) AS r FROM ${rowsWithPosition(part)} WHERE ${c} IS NOT NULL GROUP BY ALL) ORDER BY r LIMIT ${SAMPLE_SIZE}`;
  return (await queryRows(connection, sql)).map((row) => jsonValue(row[0]));
}

export interface SamplesAndExamples { samples: unknown[][]; examples: Record<string, unknown>[] }

/** The first `limit` rows of columns `indexes` of one part, as JSON values, indexed [row][position in `indexes`]. */
async function headOf(connection: DuckDBConnection, loaded: LoadedTable, part: TablePart, indexes: readonly number[], limit: number): Promise<unknown[][]> {
  const select = indexes.map((i) => jsonSelectSql(loaded.columns[i]!.type.dataType, columnIdent(i)));
  return (await queryRows(connection, `SELECT ${select.join(', ')} FROM ${part.orderedSource ?? part.table} LIMIT ${limit}`)).map((row) => row.map(jsonValue));
}

/**
 * Samples of the part's columns from ever longer prefixes of the rows in file order: the first
 * FIRST_ROWS rows, then the head of `limit` rows, then all rows. A column is read further only
 * while it has fewer than SAMPLE_SIZE values and is known to have more (`uniqueCounts`), and most
 * columns need only the first rows: converting a wide head of 10,000 rows cost more than the rest.
 */
async function partSamples(connection: DuckDBConnection, loaded: LoadedTable, part: TablePart, first: unknown[][], limit: number, uniqueCounts: (number | null)[], samples: unknown[][]): Promise<void> {
  const needsMore = (index: number): boolean => samples[index]!.length < SAMPLE_SIZE && (uniqueCounts[index] ?? 0) > samples[index]!.length;
  part.indexes.forEach((index, k) => { samples[index] = distinctFirst(first.map((row) => row[k])); });
  let pending = part.indexes.filter(needsMore);
  // A prefix shorter than its LIMIT holds every row: nothing more to read.
  let [read, asked] = [first.length, Math.min(limit, FIRST_ROWS)];
  if (pending.length > 0 && read === asked && limit > asked) {
    const head = await headOf(connection, loaded, part, pending, limit);
    pending.forEach((index, k) => { samples[index] = distinctFirst(head.map((row) => row[k])); });
    pending = pending.filter(needsMore);
    [read, asked] = [head.length, limit];
  }
  if (read < asked) return;
  for (const index of pending) samples[index] = await sampleInFileOrder(connection, loaded, part, index);
}

/** `uniqueCounts[i]` tells whether column i can have more distinct values than its head showed. */
export async function samplesAndExamples(connection: DuckDBConnection, loaded: LoadedTable, uniqueCounts: (number | null)[]): Promise<SamplesAndExamples> {
  const width = loaded.columns.length;
  const limit = Math.max(EXAMPLE_ROWS, Math.min(HEAD_MAX_ROWS, Math.floor(HEAD_CELLS / Math.max(1, width))));
  const samples: unknown[][] = [];
  const exampleRows: Record<string, unknown>[] = [];
  for (const part of loaded.parts) {
    const first = await headOf(connection, loaded, part, part.indexes, Math.min(limit, FIRST_ROWS));
    first.slice(0, EXAMPLE_ROWS).forEach((row, r) => {
      const target = (exampleRows[r] ??= {});
      part.indexes.forEach((index, k) => { target[loaded.columns[index]!.name] = row[k] ?? null; });
    });
    await partSamples(connection, loaded, part, first, limit, uniqueCounts, samples);
  }
  return { samples, examples: exampleRows };
}
