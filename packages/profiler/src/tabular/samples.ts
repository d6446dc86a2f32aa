/**
 * `examples` (the first 30 rows) and `sample` (up to 10 distinct non-missing values per column,
 * first seen in file order). Both come from the head of the table; a column whose head holds fewer
 * than 10 distinct values although the column has more gets one ordered query (by rowid, which
 * follows file order).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { jsonSelectSql, jsonValue } from './jsonValues.js';
import { queryRows, type LoadedTable } from './loadedTable.js';
import { columnIdent } from './sql.js';

export const EXAMPLE_ROWS = 30;
export const SAMPLE_SIZE = 10;
const HEAD_CELLS = 1_000_000;
const HEAD_MAX_ROWS = 10_000;

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

async function sampleByRowid(connection: DuckDBConnection, loaded: LoadedTable, index: number): Promise<unknown[]> {
  const c = columnIdent(index);
  const select = jsonSelectSql(loaded.columns[index]!.type.dataType, c);
  const sql = `SELECT v FROM (SELECT ${select} AS v, min(rowid) AS r FROM ${loaded.table} WHERE ${c} IS NOT NULL GROUP BY ALL) ORDER BY r LIMIT ${SAMPLE_SIZE}`;
  return (await queryRows(connection, sql)).map((row) => jsonValue(row[0]));
}

export interface SamplesAndExamples { samples: unknown[][]; examples: Record<string, unknown>[] }

/** `uniqueCounts[i]` tells whether column i can have more distinct values than its head showed. */
export async function samplesAndExamples(connection: DuckDBConnection, loaded: LoadedTable, uniqueCounts: (number | null)[]): Promise<SamplesAndExamples> {
  const width = loaded.columns.length;
  const limit = Math.max(EXAMPLE_ROWS, Math.min(HEAD_MAX_ROWS, Math.floor(HEAD_CELLS / Math.max(1, width))));
  const select = loaded.columns.map((column, i) => jsonSelectSql(column.type.dataType, columnIdent(i)));
  const head = (await queryRows(connection, `SELECT ${select.join(', ')} FROM ${loaded.table} LIMIT ${limit}`)).map((row) => row.map(jsonValue));
  const examples = head.slice(0, EXAMPLE_ROWS).map((row) => Object.fromEntries(loaded.columns.map((column, i) => [column.name, row[i] ?? null])));
  const samples: unknown[][] = [];
  for (let i = 0; i < width; i += 1) {
    let sample = distinctFirst(head.map((row) => row[i]));
    const more = (uniqueCounts[i] ?? 0) > sample.length;
    if (sample.length < SAMPLE_SIZE && more && head.length === limit) sample = await sampleByRowid(connection, loaded, i);
    samples.push(sample);
  }
  return { samples, examples };
}
