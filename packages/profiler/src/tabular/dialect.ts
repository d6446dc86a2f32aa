/**
 * Delimiter, quote and header sniffing. Only `, ; \t |` are considered (a letter is never a
 * delimiter), and each candidate is checked against many lines: the winner has the most records
 * with the same field count (> 1); ties go to the candidate whose cells look most like typed values
 * (so `3,14;2,71` is `;`-separated with decimal commas), then to the order `, \t ; |` and `"` over `'`.
 */
import { parseRecords, type ParsedHead } from './headParser.js';
import { countValue, decideType, emptyCounts, type FormatCounts } from './inference.js';
import { isEmptyOrNullLike } from './missing.js';
import type { DataType } from './types.js';

const DELIMITERS = [',', '\t', ';', '|'] as const;
const QUOTES = ['"', "'"] as const;
const SNIFF_RECORDS = 200;

export interface SniffResult {
  delimiter: string;
  quote: string;
  header: boolean;
  /** The head records parsed with the chosen dialect (header row included). */
  head: ParsedHead;
}

/** The most common field count (ties: the larger) and the share of records that have it. */
export function modalFieldCount(records: string[][]): { count: number; share: number } {
  const frequency = new Map<number, number>();
  for (const record of records) frequency.set(record.length, (frequency.get(record.length) ?? 0) + 1);
  let best = 0;
  let bestFrequency = 0;
  for (const [count, times] of frequency) {
    if (times > bestFrequency || (times === bestFrequency && count > best)) [best, bestFrequency] = [count, times];
  }
  return { count: best, share: records.length === 0 ? 0 : bestFrequency / records.length };
}

/** Fraction of data cells that are empty or parse as something other than free text. */
function typedCellShare(records: string[][], delimiter: string): number {
  let cells = 0;
  let typed = 0;
  for (const record of records.slice(1)) {
    for (const cell of record) {
      cells += 1;
      if (isEmptyOrNullLike(cell)) typed += 1;
      else {
        const counts = emptyCounts();
        countValue(cell, counts);
        if (decideType(counts, delimiter).dataType !== 'sc:Text') typed += 1;
      }
    }
  }
  return cells === 0 ? 0 : typed / cells;
}

interface Candidate { delimiter: string; quote: string; share: number; fields: number; typed: number; head: ParsedHead }

function scoreCandidate(text: string, delimiter: string, quote: string, complete: boolean): Candidate {
  const head = parseRecords(text, delimiter, quote, SNIFF_RECORDS, complete);
  const { count, share } = modalFieldCount(head.records);
  const typed = count > 1 ? typedCellShare(head.records, delimiter) : 0;
  return { delimiter, quote, share: count > 1 ? share : 0, fields: count, typed, head };
}

function better(a: Candidate, b: Candidate): boolean {
  if (Math.abs(a.share - b.share) > 1e-9) return a.share > b.share;
  return a.typed > b.typed + 1e-9;
}

/** A single-column file still needs a delimiter: pick one that never occurs in the head. */
function singleColumnDelimiter(text: string): string {
  return DELIMITERS.find((d) => !text.includes(d)) ?? ',';
}

export function sniffDialect(text: string, complete: boolean): SniffResult {
  let best: Candidate | undefined;
  for (const quote of QUOTES) {
    for (const delimiter of DELIMITERS) {
      const candidate = scoreCandidate(text, delimiter, quote, complete);
      if (candidate.share > 0 && (!best || better(candidate, best))) best = candidate;
    }
  }
  if (!best) {
    const delimiter = singleColumnDelimiter(text);
    const head = parseRecords(text, delimiter, '"', SNIFF_RECORDS, complete);
    return { delimiter, quote: '"', header: detectHeader(head.records, delimiter), head };
  }
  return { delimiter: best.delimiter, quote: best.quote, header: detectHeader(best.head.records, best.delimiter), head: best.head };
}

/**
 * The first record is a header unless it looks like data: for every column whose other values are
 * typed (numbers, dates, booleans), a first-row value of that type votes "data" and any other value
 * votes "header". No evidence either way means a header, as most CSV files have one.
 */
function detectHeader(records: string[][], delimiter: string): boolean {
  const [first, ...rest] = records;
  if (!first || rest.length === 0) return true;
  let headerVotes = 0;
  let dataVotes = 0;
  first.forEach((value, column) => {
    const counts: FormatCounts = emptyCounts();
    for (const record of rest) {
      const cell = record[column];
      if (cell !== undefined && !isEmptyOrNullLike(cell)) countValue(cell, counts);
    }
    const restType = decideType(counts, delimiter);
    if (restType.dataType === 'sc:Text' || isEmptyOrNullLike(value)) return;
    const own = emptyCounts();
    countValue(value, own);
    if (fitsType(decideType(own, delimiter).dataType, restType.dataType)) dataVotes += 1;
    else headerVotes += 1;
  });
  return headerVotes >= dataVotes;
}

/** A single value of type `own` can belong to a column of type `column` (an integer in a float column, ...). */
function fitsType(own: DataType, column: DataType): boolean {
  return own === column || (own === 'sc:Integer' && column === 'sc:Float') || (own === 'sc:Date' && column === 'sc:DateTime');
}
