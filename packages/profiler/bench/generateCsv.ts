/** Deterministic mixed-type CSV generator for the benchmark (ints, floats, text, dates, booleans, missing). */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** mulberry32: a tiny seeded PRNG, so every run benchmarks the same bytes. */
function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'Αθήνα', 'Zürich', '東京', 'omega', 'kappa', 'lambda'];
const DAY_MS = 86_400_000;
const START = Date.UTC(2020, 0, 1);
export const BENCH_HEADER = 'id,count,price,score,category,label,day,ts,flag,code';

function row(i: number, rnd: () => number): string {
  const pick = (): string => WORDS[Math.floor(rnd() * WORDS.length)]!;
  const day = new Date(START + Math.floor(rnd() * 1500) * DAY_MS).toISOString().slice(0, 10);
  const ts = new Date(START + Math.floor(rnd() * 1e11)).toISOString().slice(0, 19);
  const count = rnd() < 0.05 ? '' : String(Math.floor(rnd() * 100_000));
  const score = rnd() < 0.1 ? 'NA' : (rnd() * 2 - 1).toExponential(6);
  const code = String(Math.floor(rnd() * 1000)).padStart(4, '0');
  return `${i},${count},${(rnd() * 1000).toFixed(2)},${score},${pick()},"${pick()} ${Math.floor(rnd() * 1e6)}",${day},${ts},${rnd() < 0.5 ? 'true' : 'false'},${code}\n`;
}

/** Writes at least `targetBytes` of CSV to `path`; returns the row count. */
export async function generateBenchCsv(path: string, targetBytes: number): Promise<number> {
  const out = createWriteStream(path);
  const rnd = seededRandom(42);
  out.write(`${BENCH_HEADER}\n`);
  let bytes = 0;
  let rows = 0;
  while (bytes < targetBytes) {
    let chunk = '';
    for (let k = 0; k < 10_000; k += 1, rows += 1) chunk += row(rows, rnd);
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return rows;
}
