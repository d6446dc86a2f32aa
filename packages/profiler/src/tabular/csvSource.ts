/**
 * Turns a delimited file into something DuckDB reads natively: a UTF-8 file (the original, or a
 * transcoded temp copy) plus the decoded head used for sniffing.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { detectEncoding, findInvalidUtf8Chunk, guessLegacyEncoding, looksBinary, readHead, transcodeToUtf8 } from './encoding.js';
import { engineTempDirectory, uniqueTableName } from './engine.js';
import { headText } from './headParser.js';

/** Enough lines for sniffing and type inference, small enough to decode at once. */
const HEAD_BYTES = 1 << 20;
/** Name prefix of transcoded temp copies (see transcodedCopyPattern). */
const TRANSCODED = 'transcoded';

export interface CsvSource {
  /** The UTF-8 file DuckDB reads. */
  path: string;
  gzip: boolean;
  /** Encoding of the original file. */
  encoding: string;
  /** Decoded head, cut at a line break unless `complete`. */
  head: string;
  complete: boolean;
  /** Removes the transcoded temp file, if any. */
  dispose: () => Promise<void>;
}

function decodeHead(bytes: Buffer, encoding: string): string {
  const text = encoding === 'utf-8' ? new TextDecoder('utf-8').decode(bytes) : iconv.decode(bytes, encoding);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Prepares `path`; `forcedEncoding` is used when DuckDB found non-UTF-8 bytes after a UTF-8 head. */
export async function prepareCsvSource(path: string, forcedEncoding?: string): Promise<CsvSource> {
  const head = await readHead(path, HEAD_BYTES);
  const encoding = forcedEncoding ?? detectEncoding(head);
  if (looksBinary(head.bytes, encoding)) throw new Error('the file looks binary (NUL or control bytes), not delimited text');
  const text = headText(decodeHead(head.bytes, encoding), head.complete);
  const nothing = async (): Promise<void> => undefined;
  if (encoding === 'utf-8') return { path, gzip: head.gzip, encoding, head: text, complete: head.complete, dispose: nothing };
  const target = join(engineTempDirectory(), `${uniqueTableName(TRANSCODED)}.csv`);
  try {
    await transcodeToUtf8(path, head.gzip, encoding, target);
  } catch (error) {
    await rm(target, { force: true });
    throw error;
  }
  const dispose = (): Promise<void> => rm(target, { force: true });
  return { path: target, gzip: false, encoding, head: text, complete: head.complete, dispose };
}

/**
 * `message` with any transcoded temp copy named by `originalPath` instead: errors (DuckDB's or the
 * transcoder's) must describe the caller's input, not a random temp file that is gone by then.
 */
export function namingOriginalPath(message: string, originalPath: string): string {
  return message.replace(transcodedCopyPattern(), () => originalPath);
}

/** Matches the paths prepareCsvSource gives transcoded copies: `<engine temp dir>/transcoded_<pid>_<n>.csv`. */
function transcodedCopyPattern(): RegExp {
  const prefix = join(engineTempDirectory(), TRANSCODED).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${prefix}_\\d+_\\d+\\.csv`, 'g');
}

/** The encoding to use after DuckDB rejected rows as invalid UTF-8 beyond the sniffed head. */
export async function encodingOfWholeFile(path: string, gzip: boolean): Promise<string> {
  const chunk = await findInvalidUtf8Chunk(path, gzip);
  return chunk ? guessLegacyEncoding(chunk) : 'utf-8';
}
