/** profileTable: load the input into a typed DuckDB table, compute every statistic, clean up. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { columnStatistics } from './columnStatistics.js';
import { loadDelimited } from './csvLoader.js';
import { namingOriginalPath } from './csvSource.js';
import { closeConnection, interruptOnAbort, openConnection } from './engine.js';
import type { LoadedTable } from './loadedTable.js';
import { loadRows } from './rowsLoader.js';
import { samplesAndExamples } from './samples.js';
import { loadJson, loadParquet } from './typedSourceLoader.js';
import type { ProfileTableOptions, TableInput, TableProfile } from './types.js';

function load(connection: DuckDBConnection, input: TableInput): Promise<LoadedTable> {
  switch (input.kind) {
    case 'delimited': return loadDelimited(connection, input.path);
    case 'parquet': return loadParquet(connection, input.path);
    case 'json': return loadJson(connection, input.path);
    case 'rows': return loadRows(connection, input.columns, input.rows);
  }
}

function describeInput(input: TableInput): string {
  return input.kind === 'rows' ? 'in-memory rows' : `${input.kind} file ${input.path}`;
}

/** DuckDB messages are multi-line with hints; the first line says why, naming the input, not a temp copy. */
function reason(error: unknown, input: TableInput): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n')[0]?.trim() || 'unknown error';
  return input.kind === 'delimited' ? namingOriginalPath(line, input.path) : line;
}

async function profileLoaded(connection: DuckDBConnection, loaded: LoadedTable, generatedAt: string): Promise<TableProfile> {
  const statistics = loaded.columns.length === 0 ? [] : await columnStatistics(connection, loaded, generatedAt);
  const { samples, examples } = loaded.columns.length === 0
    ? { samples: [], examples: [] }
    : await samplesAndExamples(connection, loaded, statistics.map((s) => s.uniqueCount));
  const columns = loaded.columns.map((column, i) => ({
    name: column.name, dataType: column.type.dataType, sample: samples[i] ?? [], statistics: statistics[i]!,
  }));
  const profile: TableProfile = { rowCount: loaded.rowCount, columns, examples, skippedRows: loaded.skippedRows, warnings: loaded.warnings };
  if (loaded.dialect) profile.dialect = loaded.dialect;
  return profile;
}

/**
 * Profiles one table. Rejects with an Error saying why when the input cannot be read; never
 * leaves tables or temp files behind.
 */
export async function profileTable(input: TableInput, options: ProfileTableOptions = {}): Promise<TableProfile> {
  const now = options.now ?? (() => new Date());
  const connection = await openConnection();
  const stopInterrupting = interruptOnAbort(connection, options.signal);
  let loaded: LoadedTable | undefined;
  try {
    loaded = await load(connection, input);
    return await profileLoaded(connection, loaded, now().toISOString());
  } catch (error) {
    throw new Error(`cannot profile ${describeInput(input)}: ${reason(error, input)}`, { cause: error });
  } finally {
    stopInterrupting();
    await closeConnection(connection).catch(() => undefined);
    await loaded?.dispose?.().catch(() => undefined);
  }
}
