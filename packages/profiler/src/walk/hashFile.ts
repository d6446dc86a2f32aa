import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** The file no longer has the size it was listed with. */
export class FileChangedError extends Error {}

/**
 * SHA-256 of the file's first `size` bytes (its size when listed), streamed; `onBytes` reports each
 * chunk's size for progress. Reading stops there, so a file that keeps growing cannot hold the job;
 * one that shrank fails.
 */
export async function hashFile(path: string, size: number, onBytes?: (bytes: number) => void): Promise<string> {
  const hash = createHash('sha256');
  let read = 0;
  if (size > 0) {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20, end: size - 1 })) {
      const bytes = chunk as Buffer;
      hash.update(bytes);
      read += bytes.length;
      onBytes?.(bytes.length);
    }
  }
  if (read < size) throw new FileChangedError(`the file changed while it was read (${read} of its ${size} bytes left)`);
  return hash.digest('hex');
}
