import unzipper from 'unzipper';
import { decompressedSizeError, type FileLimits } from './fileLimits.js';

const DOCTYPE = Buffer.from('<!DOCTYPE');

/**
 * Inflates every part of an `.xlsx` once, counting, before exceljs reads it: exceljs holds each part
 * in memory as one string, so a zip bomb would exhaust the heap. The sizes the zip declares are
 * checked first (cheap), then the bytes that really come out, since a zip can lie about them.
 * A part with a DTD is refused too: OOXML parts carry none, and a DTD is how entity-expansion
 * ("billion laughs") attacks start.
 */
export async function checkWorkbook(path: string, limits: FileLimits, signal?: AbortSignal): Promise<void> {
  const directory = await unzipper.Open.file(path);
  const entries = directory.files.filter((entry) => entry.type === 'File');
  const declared = entries.reduce((total, entry) => total + entry.uncompressedSize, 0);
  if (declared > limits.decompressedBytes) throw decompressedSizeError(limits, 'the workbook (by its zip directory)');
  let total = 0;
  for (const entry of entries) {
    signal?.throwIfAborted();
    const stream = entry.stream();
    let tail = Buffer.alloc(0);
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        signal?.throwIfAborted();
        total += chunk.length;
        if (total > limits.decompressedBytes) throw decompressedSizeError(limits, 'the workbook');
        const across = Buffer.concat([tail, chunk.subarray(0, DOCTYPE.length - 1)]);
        if (chunk.includes(DOCTYPE) || across.includes(DOCTYPE)) {
          throw new Error(`the workbook part ${entry.path} declares a DTD, which OOXML does not allow (entity expansion)`);
        }
        tail = Buffer.from(chunk.subarray(Math.max(0, chunk.length - DOCTYPE.length + 1)));
      }
    } finally {
      stream.destroy();
    }
  }
}
