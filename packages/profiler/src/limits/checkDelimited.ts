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
 * when a line grows past the limit. `\n` and `\r` both end a line, as for read_csv.
 */
function openLineLength(chunk: Buffer, openLength: number): number {
  let start = 0;
  let length = openLength;
  let lineFeed = chunk.indexOf(LINE_FEED);
  let carriageReturn = chunk.indexOf(CARRIAGE_RETURN);
  while (lineFeed !== -1 || carriageReturn !== -1) {
    const end = lineFeed === -1 ? carriageReturn : carriageReturn === -1 ? lineFeed : Math.min(lineFeed, carriageReturn);
    if (length + end - start > MAX_LINE_SIZE) throw lineTooLong();
    length = 0;
    start = end + 1;
    if (lineFeed !== -1 && lineFeed < start) lineFeed = chunk.indexOf(LINE_FEED, start);
    if (carriageReturn !== -1 && carriageReturn < start) carriageReturn = chunk.indexOf(CARRIAGE_RETURN, start);
  }
  length += chunk.length - start;
  if (length > MAX_LINE_SIZE) throw lineTooLong();
  return length;
}

function lineTooLong(): FileLimitError {
  return new FileLimitError('lineBytes', MAX_LINE_SIZE, `a line is longer than the limit of ${MAX_LINE_SIZE} bytes`);
}
