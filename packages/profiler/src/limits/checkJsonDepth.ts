import { createReadStream } from 'node:fs';
import { FileLimitError, type FileLimits } from './fileLimits.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;

/**
 * Streams a JSON (or JSON Lines) file and fails when arrays and objects nest deeper than the limit,
 * before DuckDB reads it: its JSON reader recurses per level and ends the process with a stack
 * overflow on a few thousand levels. Brackets inside strings do not count.
 */
export async function checkJsonDepth(path: string, limits: FileLimits, signal?: AbortSignal): Promise<void> {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20, signal }) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (byte === BACKSLASH) escaped = true;
        else if (byte === QUOTE) inString = false;
      } else if (byte === QUOTE) inString = true;
      else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
        depth += 1;
        if (depth > limits.jsonDepth) {
          throw new FileLimitError('jsonDepth', limits.jsonDepth, `arrays and objects nest deeper than the limit of ${limits.jsonDepth} levels`);
        }
      } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) depth = Math.max(0, depth - 1);
    }
  }
}
