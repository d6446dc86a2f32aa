/**
 * Benchmark: profileTable (exact statistics) against DuckDB's SUMMARIZE on the same CSV, each in
 * its own child process so peak RSS is measured separately.
 *
 *   npm run bench:profiler -- [file.csv] [--size-mb 220] [--runs 3]
 *
 * Without a file, a deterministic mixed-type CSV is generated into ./bench-data/ (gitignored).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateBenchCsv } from './generateCsv.js';
import { runChild, type ChildMode } from './benchChild.js';

interface Measurement { ms: number; maxRssMb: number }

function argValue(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] ? Number(args[at + 1]) : fallback;
}

async function benchFile(args: string[]): Promise<string> {
  const given = args.find((a, i) => !a.startsWith('--') && !(args[i - 1] ?? '').startsWith('--'));
  if (given) return resolve(given);
  const sizeMb = argValue(args, '--size-mb', 220);
  const dir = resolve('bench-data');
  mkdirSync(dir, { recursive: true });
  const path = resolve(dir, `bench-${sizeMb}mb.csv`);
  if (!existsSync(path)) {
    process.stdout.write(`generating ${path} ... `);
    const rows = await generateBenchCsv(path, sizeMb * 1024 * 1024);
    process.stdout.write(`${rows} rows\n`);
  }
  return path;
}

function measure(mode: ChildMode, file: string): Promise<Measurement> {
  const self = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, [...process.execArgv, self, '--child', mode, file], { stdio: ['ignore', 'pipe', 'inherit'] });
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

async function main(args: string[]): Promise<void> {
  const file = await benchFile(args);
  const runs = argValue(args, '--runs', 3);
  console.log(`file: ${file} (${(statSync(file).size / 1024 / 1024).toFixed(1)} MB), runs: ${runs}`);
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
}

const childAt = process.argv.indexOf('--child');
if (childAt >= 0) await runChild(process.argv[childAt + 1] as ChildMode, process.argv[childAt + 2]!);
else await main(process.argv.slice(2));
