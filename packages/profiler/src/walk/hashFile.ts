import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';

/** The file no longer has the size it was listed with. */
export class FileChangedError extends Error {}

/**
 * SHA-256 of an open file's first `size` bytes (its size when listed), streamed from its start;
 * `onBytes` reports each chunk's size for progress. Reading stops there, so a file that keeps
 * growing cannot hold the job; one that shrank fails. The caller closes the handle.
 */
export async function hashFile(handle: FileHandle, size: number, onBytes?: (bytes: number) => void): Promise<string> {
  const hash = createHash('sha256');
  let read = 0;
  if (size > 0) {
    for await (const chunk of handle.createReadStream({ start: 0, end: size - 1, highWaterMark: 1 << 20, autoClose: false })) {
      const bytes = chunk as Buffer;
      hash.update(bytes);
      read += bytes.length;
      onBytes?.(bytes.length);
    }
  }
  if (read < size) throw new FileChangedError(`the file changed while it was read (${read} of its ${size} bytes left)`);
  return hash.digest('hex');
}
