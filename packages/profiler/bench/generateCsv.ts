/**
 * Deterministic CSV generators for the benchmark, one per table shape:
 * - mixed: ints, floats, text, dates, booleans and missing values (the original synthetic table);
 * - flights: few columns, many rows, short codes and small integers, like a 6 M-row flights file
 *   (an MMDDhhmm integer date code, delay and distance, origin and destination airport codes);
 * - wide: 40 mixed columns, three of them long free text (quoted, with commas and quotes).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

type Random = () => number;

/** mulberry32: a tiny seeded PRNG, so every run benchmarks the same bytes. */
function seededRandom(seed: number): Random {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BenchTable {
  name: string;
  /** Size generated without --size-mb. */
  defaultMb: number;
  header: string;
  row: (i: number, rnd: Random) => string;
}

const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'Αθήνα', 'Zürich', '東京', 'omega', 'kappa', 'lambda'];
const DAY_MS = 86_400_000;
const START = Date.UTC(2020, 0, 1);
const pickFrom = <T>(list: readonly T[], rnd: Random): T => list[Math.floor(rnd() * list.length)]!;
const isoDay = (rnd: Random): string => new Date(START + Math.floor(rnd() * 1500) * DAY_MS).toISOString().slice(0, 10);

function mixedRow(i: number, rnd: Random): string {
  const pick = (): string => pickFrom(WORDS, rnd);
  const day = isoDay(rnd);
  const ts = new Date(START + Math.floor(rnd() * 1e11)).toISOString().slice(0, 19);
  const count = rnd() < 0.05 ? '' : String(Math.floor(rnd() * 100_000));
  const score = rnd() < 0.1 ? 'NA' : (rnd() * 2 - 1).toExponential(6);
  const code = String(Math.floor(rnd() * 1000)).padStart(4, '0');
  return `${i},${count},${(rnd() * 1000).toFixed(2)},${score},${pick()},"${pick()} ${Math.floor(rnd() * 1e6)}",${day},${ts},${rnd() < 0.5 ? 'true' : 'false'},${code}\n`;
}

/** 300 three-letter airport codes, a few of them far busier than the rest (as real traffic is). */
const AIRPORTS = Array.from({ length: 300 }, (_, i) => String.fromCharCode(65 + (i % 26), 65 + ((i * 7) % 26), 65 + ((i * 11 + 3) % 26)));
const busyAirport = (rnd: Random): string => AIRPORTS[Math.floor(rnd() ** 3 * AIRPORTS.length)]!;

function flightsRow(_i: number, rnd: Random): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  const date = `${1 + Math.floor(rnd() * 12)}${two(1 + Math.floor(rnd() * 28))}${two(Math.floor(rnd() * 24))}${two(Math.floor(rnd() * 60))}`;
  const delay = Math.round(-15 + rnd() ** 4 * 400);
  const distance = 30 + Math.floor(rnd() ** 2 * 2700);
  return `${date},${delay},${distance},${busyAirport(rnd)},${busyAirport(rnd)}\n`;
}

const LOREM = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua'.split(' ');

function longText(rnd: Random, words: number): string {
  const parts: string[] = [];
  for (let k = 0; k < words; k += 1) parts.push(pickFrom(LOREM, rnd));
  // Commas and doubled quotes inside the quoted field, as in exported free text.
  return `"${parts.join(' ')}, ""${pickFrom(WORDS, rnd)}"" ${Math.floor(rnd() * 1e9)}"`;
}

const WIDE_GROUPS = 8;
const WIDE_HEADER = [
  ...Array.from({ length: WIDE_GROUPS }, (_, g) => [`id${g}`, `amount${g}`, `ratio${g}`, `when${g}`, `active${g}`].join(',')),
  'title,description,notes',
].join(',');

function wideRow(i: number, rnd: Random): string {
  const fields: string[] = [];
  for (let g = 0; g < WIDE_GROUPS; g += 1) {
    const amount = rnd() < 0.02 ? '' : String(Math.floor(rnd() * 1e6) - 5e5);
    fields.push(String(i * WIDE_GROUPS + g), amount, rnd().toFixed(6), isoDay(rnd), rnd() < 0.5 ? 'true' : 'false');
  }
  fields.push(longText(rnd, 5 + Math.floor(rnd() * 10)), longText(rnd, 40 + Math.floor(rnd() * 80)), longText(rnd, 10 + Math.floor(rnd() * 200)));
  return `${fields.join(',')}\n`;
}

export const BENCH_TABLES: readonly BenchTable[] = [
  { name: 'mixed', defaultMb: 220, header: 'id,count,price,score,category,label,day,ts,flag,code', row: mixedRow },
  { name: 'flights', defaultMb: 150, header: 'date,delay,distance,origin,destination', row: flightsRow },
  { name: 'wide', defaultMb: 220, header: WIDE_HEADER, row: wideRow },
];

/** Writes at least `targetBytes` of `table` to `path`; returns the row count. */
export async function generateBenchCsv(table: BenchTable, path: string, targetBytes: number): Promise<number> {
  const out = createWriteStream(path);
  const rnd = seededRandom(42);
  out.write(`${table.header}\n`);
  let bytes = 0;
  let rows = 0;
  while (bytes < targetBytes) {
    let chunk = '';
    for (let k = 0; k < 10_000; k += 1, rows += 1) chunk += table.row(rows, rnd);
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return rows;
}
