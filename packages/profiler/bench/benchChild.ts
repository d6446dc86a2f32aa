/** One measured run in a fresh process; prints {"ms", "maxRssMb"} as its last stdout line. */
import { availableParallelism } from 'node:os';
import { DuckDBInstance } from '@duckdb/node-api';
import { closeTabularEngine, profileTable } from '../src/tabular/index.js';

export type ChildMode = 'profileTable' | 'summarize';

async function summarize(file: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:', {
    threads: String(availableParallelism()),
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  const connection = await instance.connect();
  await connection.runAndReadAll(`SUMMARIZE SELECT * FROM read_csv('${file.replaceAll("'", "''")}')`);
  connection.closeSync();
  instance.closeSync();
}

async function profile(file: string): Promise<void> {
  const result = await profileTable({ kind: 'delimited', path: file });
  if (result.columns.length === 0) throw new Error('no columns profiled');
  await closeTabularEngine();
}

export async function runChild(mode: ChildMode, file: string): Promise<void> {
  const start = performance.now();
  if (mode === 'summarize') await summarize(file);
  else await profile(file);
  const ms = performance.now() - start;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ ms, maxRssMb }));
}
