/**
 * The process-wide DuckDB instance. One instance bounds the memory of all concurrent profiles
 * together; each profile gets its own connection and its own uniquely named tables.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

/** DuckDB's own buffer budget; the rest of the 512 MB RSS target is Node, allocator slack and aggregate states. */
const MEMORY_LIMIT = process.env.PROFILER_DUCKDB_MEMORY_LIMIT ?? '192MB';

let instancePromise: Promise<DuckDBInstance> | undefined;
let tempDirectory: string | undefined;
let tableCounter = 0;

async function createInstance(): Promise<DuckDBInstance> {
  tempDirectory = join(tmpdir(), `dataset-profiler-duckdb-${process.pid}`);
  mkdirSync(tempDirectory, { recursive: true });
  return DuckDBInstance.create(':memory:', {
    threads: String(availableParallelism()),
    memory_limit: MEMORY_LIMIT,
    temp_directory: tempDirectory,
    // Extensions would be fetched from the network; json, parquet and icu are built in.
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    preserve_insertion_order: 'true',
  });
}

export async function openConnection(): Promise<DuckDBConnection> {
  instancePromise ??= createInstance();
  const connection = await (await instancePromise).connect();
  await connection.run(`SET TimeZone = 'UTC'`);
  return connection;
}

/** A table name unique within this process, for one profile's intermediate tables. */
export function uniqueTableName(prefix: string): string {
  tableCounter += 1;
  return `${prefix}_${process.pid}_${tableCounter}`;
}

export function engineTempDirectory(): string {
  return tempDirectory ?? tmpdir();
}

/** Closes the shared DuckDB instance (tests, CLI shutdown). A later profileTable opens a new one. */
export async function closeTabularEngine(): Promise<void> {
  const pending = instancePromise;
  instancePromise = undefined;
  if (!pending) return;
  const instance = await pending.catch(() => undefined);
  instance?.closeSync();
  if (tempDirectory) rmSync(tempDirectory, { recursive: true, force: true });
  tempDirectory = undefined;
}
