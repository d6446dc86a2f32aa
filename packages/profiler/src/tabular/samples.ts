/**
 * `examples` (the first 30 rows) and `sample` (up to 10 distinct non-missing values per column,
 * first seen in file order). Both come from the head of the rows in file order (the part's ordered
 * source, or its table); a column whose head holds fewer than 10 distinct values although the
 * column has more gets one query over all its rows in file order.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { jsonSelectSql, jsonValue } from './jsonValues.js';
import { queryRows, type LoadedTable, type TablePart } from './loadedTable.js';
import { columnIdent } from './sql.js';

const EXAMPLE_ROWS = 30;
const SAMPLE_SIZE = 10;
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

/** The first `limit` rows of one part, as JSON values, indexed [row][position in part]. */
async function headOf(connection: DuckDBConnection, loaded: LoadedTable, part: TablePart, limit: number): Promise<unknown[][]> {
  const select = part.indexes.map((i) => jsonSelectSql(loaded.columns[i]!.type.dataType, columnIdent(i)));
  return (await queryRows(connection, `SELECT ${select.join(', ')} FROM ${part.orderedSource ?? part.table} LIMIT ${limit}`)).map((row) => row.map(jsonValue));
}

/** `uniqueCounts[i]` tells whether column i can have more distinct values than its head showed. */
export async function samplesAndExamples(connection: DuckDBConnection, loaded: LoadedTable, uniqueCounts: (number | null)[]): Promise<SamplesAndExamples> {
  const width = loaded.columns.length;
  const limit = Math.max(EXAMPLE_ROWS, Math.min(HEAD_MAX_ROWS, Math.floor(HEAD_CELLS / Math.max(1, width))));
  const samples: unknown[][] = [];
  const exampleRows: Record<string, unknown>[] = [];
  for (const part of loaded.parts) {
    const head = await headOf(connection, loaded, part, limit);
    head.slice(0, EXAMPLE_ROWS).forEach((row, r) => {
      const target = (exampleRows[r] ??= {});
      part.indexes.forEach((index, k) => { target[loaded.columns[index]!.name] = row[k] ?? null; });
    });
    for (const [k, index] of part.indexes.entries()) {
      let sample = distinctFirst(head.map((row) => row[k]));
      const more = (uniqueCounts[index] ?? 0) > sample.length;
      if (sample.length < SAMPLE_SIZE && more && head.length === limit) sample = await sampleInFileOrder(connection, loaded, part, index);
      samples[index] = sample;
    }
  }
  return { samples, examples: exampleRows };
}
