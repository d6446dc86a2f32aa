import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** SHA-256 of the file's bytes, streamed; `onBytes` reports each chunk's size for progress. */
export async function hashFile(path: string, onBytes?: (bytes: number) => void): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const bytes = chunk as Buffer;
    hash.update(bytes);
    onBytes?.(bytes.length);
  }
  return hash.digest('hex');
}
