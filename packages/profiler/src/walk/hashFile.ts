import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';

/** SHA-256 of an open file's bytes, streamed from its start; `onBytes` reports each chunk's size for progress. The caller closes it. */
export async function hashFile(handle: FileHandle, onBytes?: (bytes: number) => void): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of handle.createReadStream({ start: 0, highWaterMark: 1 << 20, autoClose: false })) {
    const bytes = chunk as Buffer;
    hash.update(bytes);
    onBytes?.(bytes.length);
  }
  return hash.digest('hex');
}
