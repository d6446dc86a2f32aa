/**
 * Benchmark: profileTable (exact statistics) against DuckDB's SUMMARIZE on the same CSV, each in
 * its own child process so peak RSS is measured separately; every table's ratio is of medians
 * measured in the same run, alternating ours and SUMMARIZE so machine load hits both alike.
 *
 *   npm run bench:profiler -- [file.csv] [--tables mixed,flights,wide] [--size-mb N] [--runs 3]
 *
 * Without a file, the tables of generateCsv.ts are generated into ./bench-data/ (gitignored), each
 * at its default size, or at N MB with --size-mb (a smaller size for quick iterations).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROFILER_PROCESS_ENV } from '../src/processEnvironment.js';
import { BENCH_TABLES, generateBenchCsv } from './generateCsv.js';
import { runChild, type ChildMode } from './benchChild.js';

interface Measurement { ms: number; maxRssMb: number }

function argValue(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

async function generatedFile(name: string, sizeMb: number | undefined): Promise<string> {
  const table = BENCH_TABLES.find((t) => t.name === name);
  if (!table) throw new Error(`unknown table ${name}; known: ${BENCH_TABLES.map((t) => t.name).join(', ')}`);
  const mb = sizeMb ?? table.defaultMb;
  const dir = resolve('bench-data');
  mkdirSync(dir, { recursive: true });
  const path = resolve(dir, `bench-${table.name}-${mb}mb.csv`);
  if (!existsSync(path)) {
    process.stdout.write(`generating ${path} ... `);
    const rows = await generateBenchCsv(table, path, mb * 1024 * 1024);
    process.stdout.write(`${rows} rows\n`);
  }
  return path;
}

async function benchFiles(args: string[]): Promise<string[]> {
  const given = args.find((a, i) => !a.startsWith('--') && !(args[i - 1] ?? '').startsWith('--'));
  if (given) return [resolve(given)];
  const size = argValue(args, '--size-mb');
  const names = (argValue(args, '--tables') ?? BENCH_TABLES.map((t) => t.name).join(',')).split(',');
  const files: string[] = [];
  for (const name of names) files.push(await generatedFile(name, size === undefined ? undefined : Number(size)));
  return files;
}

function measure(mode: ChildMode, file: string): Promise<Measurement> {
  const self = fileURLToPath(import.meta.url);
  // Both children as the runners start a profile job (processEnvironment.ts).
  const env = { ...process.env, ...PROFILER_PROCESS_ENV };
  const child = spawn(process.execPath, [...process.execArgv, self, '--child', mode, file], { stdio: ['ignore', 'pipe', 'inherit'], env });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => {
      const last = output.trim().split('\n').pop() ?? '';
      if (code !== 0) fail(new Error(`${mode} child exited with ${code}: ${output}`));
      else done(JSON.parse(last) as Measurement);
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' ');

async function benchOne(file: string, runs: number): Promise<string> {
  console.log(`file: ${file} (${(statSync(file).size / 1024 / 1024).toFixed(1)} MB), runs: ${runs}, load average: ${load()}`);
  const ours: Measurement[] = [];
  const duck: Measurement[] = [];
  for (let run = 1; run <= runs; run += 1) {
    ours.push(await measure('profileTable', file));
    duck.push(await measure('summarize', file));
    console.log(`run ${run}: profileTable ${ours.at(-1)!.ms.toFixed(0)} ms, SUMMARIZE ${duck.at(-1)!.ms.toFixed(0)} ms`);
  }
  const [o, d] = [median(ours.map((m) => m.ms)), median(duck.map((m) => m.ms))];
  console.log(`profileTable (exact stats): median ${(o / 1000).toFixed(2)} s, peak RSS ${Math.max(...ours.map((m) => m.maxRssMb)).toFixed(0)} MB`);
  console.log(`DuckDB SUMMARIZE:           median ${(d / 1000).toFixed(2)} s, peak RSS ${Math.max(...duck.map((m) => m.maxRssMb)).toFixed(0)} MB`);
  console.log(`ratio ours/duckdb: ${(o / d).toFixed(2)}`);
  return `${file.split('/').pop()}: ratio ${(o / d).toFixed(2)} (${(o / 1000).toFixed(2)} s vs ${(d / 1000).toFixed(2)} s)`;
}

async function main(args: string[]): Promise<void> {
  const files = await benchFiles(args);
  const runs = Number(argValue(args, '--runs') ?? 3);
  const lines: string[] = [];
  for (const file of files) lines.push(await benchOne(file, runs));
  console.log(`\nsummary (medians of ${runs} runs, load average now ${load()}):\n${lines.join('\n')}`);
}

const childAt = process.argv.indexOf('--child');
if (childAt >= 0) await runChild(process.argv[childAt + 1] as ChildMode, process.argv[childAt + 2]!);
else await main(process.argv.slice(2));
