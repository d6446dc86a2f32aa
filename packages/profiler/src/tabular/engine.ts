/**
 * The process-wide DuckDB instance. One instance bounds the memory of all concurrent profiles
 * together; each profile gets its own connection and its own uniquely named tables.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { DEFAULT_FILE_LIMITS } from '../limits/fileLimits.js';

export interface TabularEngineSettings {
  /** DuckDB's buffer budget (MB); the rest of the 512 MB RSS target is Node, allocator slack and aggregate states. */
  memoryLimitMb: number;
  /** Freed memory above this is returned to the OS after each task (RSS is what is bounded). */
  allocatorFlushThreshold: string;
  threads: number;
}

const settings: TabularEngineSettings = { memoryLimitMb: DEFAULT_FILE_LIMITS.tabularMemoryMb, allocatorFlushThreshold: '32MB', threads: availableParallelism() };

/** Changes the settings of the next DuckDB instance (call before the first profile, or after closeTabularEngine). */
export function configureTabularEngine(changes: Partial<TabularEngineSettings>): void {
  Object.assign(settings, changes);
}

let instancePromise: Promise<DuckDBInstance> | undefined;
let tempDirectory: string | undefined;
let tableCounter = 0;
const schemas = new WeakMap<DuckDBConnection, string>();
const scratch = new WeakMap<DuckDBConnection, { name: string; file?: string }[]>();

async function createInstance(): Promise<DuckDBInstance> {
  // A fresh directory per instance: a pid-named one left by a killed process could be reused by a
  // later process with the same pid, handing it stale scratch databases.
  const directory = mkdtempSync(join(tmpdir(), 'dataset-profiler-duckdb-'));
  tempDirectory = directory;
  // Spill files must not outlive a process that exits without closeTabularEngine.
  process.once('exit', () => rmSync(directory, { recursive: true, force: true }));
  return DuckDBInstance.create(':memory:', {
    threads: String(settings.threads),
    memory_limit: `${settings.memoryLimitMb}MB`,
    temp_directory: directory,
    // Extensions would be fetched from the network; json, parquet and icu are built in.
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    preserve_insertion_order: 'true',
    // Return freed memory to the OS promptly: RSS, not just DuckDB's buffer pool, is what is bounded.
    allocator_background_threads: 'true',
    allocator_flush_threshold: settings.allocatorFlushThreshold,
  });
}

/**
 * A connection whose default schema is private to it, so unqualified tables of concurrent profiles
 * never collide and closeConnection can drop everything a profile left, even after an error.
 */
export async function openConnection(): Promise<DuckDBConnection> {
  instancePromise ??= createInstance();
  const connection = await (await instancePromise).connect();
  const schema = uniqueTableName('profile');
  await connection.run(`SET TimeZone = 'UTC'`);
  await connection.run(`CREATE SCHEMA memory.${schema}`);
  await connection.run(`USE memory.${schema}`);
  schemas.set(connection, schema);
  return connection;
}

/**
 * Interrupts the connection's statements once `signal` aborts, and keeps interrupting every 50 ms
 * until stopped: a profile runs many statements, and one started after the abort must stop too.
 */
export function interruptOnAbort(connection: DuckDBConnection, signal: AbortSignal | undefined): () => void {
  if (!signal) return () => undefined;
  let timer: NodeJS.Timeout | undefined;
  const interrupt = (): void => {
    connection.interrupt();
    timer = setInterval(() => connection.interrupt(), 50);
  };
  if (signal.aborted) interrupt();
  else signal.addEventListener('abort', interrupt, { once: true });
  return () => {
    signal.removeEventListener('abort', interrupt);
    clearInterval(timer);
  };
}

/**
 * A scratch database for this connection's loaded tables. `disk`: a database file, because
 * in-memory tables of thousands of columns cannot be evicted under the memory limit while
 * checkpointed blocks of a file can. Otherwise an in-memory database, whose tables stay
 * uncompressed (what exceeds the memory limit spills to the temp directory): DuckDB 1.5.6
 * compresses one only at a CHECKPOINT, which took 0.69 s for the 220 MB mixed benchmark table
 * (236 MB down to 75 MB) and saved about 0.04 s of the scans after it; its COMPRESS option
 * changed nothing.
 */
export async function attachScratchDatabase(connection: DuckDBConnection, storage: 'disk' | 'memory'): Promise<string> {
  const name = uniqueTableName('scratch');
  const file = storage === 'disk' ? join(engineTempDirectory(), `${name}.duckdb`) : undefined;
  await connection.run(file ? `ATTACH '${file}' AS ${name}` : `ATTACH ':memory:' AS ${name}`);
  scratch.set(connection, [...(scratch.get(connection) ?? []), { name, file }]);
  return name;
}

/**
 * Runs `task` without preserving insertion order (a per-connection setting): bulk loads are then
 * parallel without reordering buffers, about twice as fast under the memory limit. Tables so
 * built have no file order; LoadedTable parts say where to read rows in file order.
 */
export async function withoutInsertionOrder<T>(connection: DuckDBConnection, task: () => Promise<T>): Promise<T> {
  await connection.run('SET preserve_insertion_order = false');
  try {
    return await task();
  } finally {
    await connection.run('SET preserve_insertion_order = true');
  }
}

export async function closeConnection(connection: DuckDBConnection): Promise<void> {
  const schema = schemas.get(connection);
  const attached = scratch.get(connection) ?? [];
  schemas.delete(connection);
  scratch.delete(connection);
  try {
    if (schema) await connection.run(`DROP SCHEMA memory.${schema} CASCADE`);
    for (const { name } of attached) await connection.run(`DETACH ${name}`);
  } finally {
    connection.closeSync();
    for (const { file } of attached) if (file) for (const path of [file, `${file}.wal`]) rmSync(path, { force: true });
  }
}

/** Rows of a DuckDB row group: each loading thread builds one of every stored column at once. */
const ROW_GROUP_ROWS = 122_880;

/**
 * How many columns (of up to 8 bytes a value) one load of a `fileBytes` file may store. Once the
 * table outgrows memory (files over twice the limit), the row groups the threads build at once get
 * a third of the limit, the rest being read_csv's buffers and room to evict: the 1 GB wide benchmark
 * table (43 columns, 2 threads) ran out of 160 MB every time in one load. A smaller file loads
 * whole, and the rare load that still runs out of memory is split then (csvLoader.ts).
 */
export function columnsPerLoad(fileBytes: number): number {
  const limit = settings.memoryLimitMb * 2 ** 20;
  if (fileBytes <= 2 * limit) return Number.POSITIVE_INFINITY;
  return Math.max(1, Math.floor(limit / 3 / (ROW_GROUP_ROWS * 8 * settings.threads)));
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
