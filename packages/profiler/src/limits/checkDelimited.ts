import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { MAX_LINE_SIZE } from '../tabular/csvRead.js';
import { isGzipFile } from '../tabular/encoding.js';
import { decompressedSizeError, FileLimitError, type FileLimits } from './fileLimits.js';

/**
 * Reads a delimited file once, before DuckDB does, for what DuckDB would not report: a `.gz` that
 * inflates past the decompressed-size limit (DuckDB would read it all), and a line longer than
 * read_csv's `max_line_size` (DuckDB drops it without a trace, even with `store_rejects`).
 */
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;

export async function checkDelimited(path: string, limits: FileLimits, signal?: AbortSignal): Promise<void> {
  const gzip = await isGzipFile(path);
  const source = createReadStream(path, { highWaterMark: 1 << 20, signal });
  const stream = gzip ? source.pipe(createGunzip()) : source;
  if (gzip) source.on('error', (error) => stream.destroy(error));
  let total = 0;
  let lineLength = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (gzip && total > limits.decompressedBytes) throw decompressedSizeError(limits, 'the gzip file');
      lineLength = openLineLength(chunk, lineLength);
    }
  } finally {
    source.destroy();
  }
}

/**
 * The length of the line still open at the end of `chunk`, given the one open at its start; throws
 * when a line grows past the limit. `\n` and `\r` both end a line, as for read_csv. Only the line
 * continued from the previous chunk and the one left open can be too long: a line wholly inside a
 * chunk is shorter than the chunk (1 MiB from a file, 16 KiB from gunzip), far below the limit.
 */
function openLineLength(chunk: Buffer, openLength: number): number {
  const first = firstOf(chunk.indexOf(LINE_FEED), chunk.indexOf(CARRIAGE_RETURN));
  if (first === -1) {
    if (openLength + chunk.length > MAX_LINE_SIZE) throw lineTooLong();
    return openLength + chunk.length;
  }
  if (openLength + first > MAX_LINE_SIZE) throw lineTooLong();
  return chunk.length - 1 - Math.max(chunk.lastIndexOf(LINE_FEED), chunk.lastIndexOf(CARRIAGE_RETURN));
}

/** The smaller of two indexOf results, -1 when neither was found. */
function firstOf(a: number, b: number): number {
  if (a === -1) return b;
  return b === -1 ? a : Math.min(a, b);
}

function lineTooLong(): FileLimitError {
  return new FileLimitError('lineBytes', MAX_LINE_SIZE, `a line is longer than the limit of ${MAX_LINE_SIZE} bytes`);
}
