/**
 * Encoding detection and transcoding for delimited text. DuckDB reads UTF-8 natively (its
 * `encodings` extension would need the network), so everything else is transcoded to a UTF-8 temp
 * file by streaming, which keeps memory flat whatever the file size.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { analyse } from 'chardet';
import iconv from 'iconv-lite';

export interface FileHead {
  bytes: Buffer;
  gzip: boolean;
  /** True when `bytes` holds the whole (decompressed) file. */
  complete: boolean;
}

const GZIP_MAGIC = [0x1f, 0x8b];

export async function isGzipFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === GZIP_MAGIC[0] && buffer[1] === GZIP_MAGIC[1];
  } finally {
    await handle.close();
  }
}

/** Reads the first `maxBytes` of the file, decompressing gzip (detected by magic bytes, not by name). */
export async function readHead(path: string, maxBytes: number): Promise<FileHead> {
  const gzip = await isGzipFile(path);
  const chunks: Buffer[] = [];
  let total = 0;
  const source = createReadStream(path);
  const stream = gzip ? source.pipe(createGunzip()) : source;
  if (gzip) source.on('error', (error) => stream.destroy(error));
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      total += chunk.length;
      if (total >= maxBytes) break;
    }
  } catch (error) {
    throw new Error(gzip ? `corrupt or truncated gzip data (${(error as Error).message})` : (error as Error).message);
  } finally {
    source.destroy();
  }
  const bytes = Buffer.concat(chunks);
  return { bytes: bytes.subarray(0, maxBytes), gzip, complete: total < maxBytes };
}

function bomEncoding(bytes: Buffer): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** UTF-16 without BOM: ASCII-heavy text then has a NUL in every other byte. */
function utf16ByNulPattern(bytes: Buffer): string | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul += 1;
    if (bytes[i + 1] === 0) oddNul += 1;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/** Strict UTF-8; `stream: true` so a character cut at the end of the head is not an error. */
function isValidUtf8(bytes: Uint8Array, final: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !final });
    return true;
  } catch {
    return false;
  }
}

/** chardet's best guess that iconv-lite can decode; ISO-8859-1 is read as its superset Windows-1252. */
export function guessLegacyEncoding(bytes: Uint8Array): string {
  for (const match of analyse(bytes)) {
    const name = match.name.toLowerCase();
    if (name.startsWith('utf-') || name === 'ascii') continue;
    if (name === 'iso-8859-1') return 'windows-1252';
    if (iconv.encodingExists(name)) return name;
  }
  return 'windows-1252';
}

/** BOM, then the UTF-16 NUL pattern, then strict UTF-8, then chardet over the legacy 8-bit encodings. */
export function detectEncoding(head: FileHead): string {
  const { bytes } = head;
  const byBom = bomEncoding(bytes) ?? utf16ByNulPattern(bytes);
  if (byBom) return byBom;
  if (isValidUtf8(bytes, head.complete)) return 'utf-8';
  return guessLegacyEncoding(bytes);
}

/** Binary data (images, archives, garbage) has NUL bytes or many control characters in 8-bit text. */
export function looksBinary(bytes: Buffer, encoding: string): boolean {
  if (encoding.startsWith('utf-16')) return false;
  const n = Math.min(bytes.length, 65536);
  let control = 0;
  for (let i = 0; i < n; i += 1) {
    const b = bytes[i] as number;
    if (b === 0) return true;
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control += 1;
  }
  return n > 0 && control / n > 0.01;
}

function decompressed(path: string, gzip: boolean): NodeJS.ReadableStream[] {
  return gzip ? [createReadStream(path), createGunzip()] : [createReadStream(path)];
}

/** Streams `path` (maybe gzip) decoded from `encoding` into a UTF-8 file without BOM. */
export async function transcodeToUtf8(path: string, gzip: boolean, encoding: string, target: string): Promise<void> {
  const decode = iconv.decodeStream(encoding, { stripBOM: true });
  const toUtf8 = new Transform({
    readableObjectMode: false,
    writableObjectMode: true,
    transform(chunk: string, _enc, done) {
      done(null, Buffer.from(chunk, 'utf8'));
    },
  });
  try {
    await pipeline([...decompressed(path, gzip), decode, toUtf8, createWriteStream(target)]);
  } catch (error) {
    throw new Error(`cannot transcode from ${encoding}: ${(error as Error).message}`);
  }
}

/**
 * Scans the whole file for invalid UTF-8 (used when DuckDB found some after a valid head) and
 * returns the chunk holding the first invalid byte, for chardet.
 */
export async function findInvalidUtf8Chunk(path: string, gzip: boolean): Promise<Buffer | undefined> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const streams = decompressed(path, gzip);
  const source = streams.length === 1 ? streams[0]! : streams[0]!.pipe(streams[1] as NodeJS.WritableStream & NodeJS.ReadableStream);
  for await (const chunk of source as AsyncIterable<Buffer>) {
    try {
      decoder.decode(chunk, { stream: true });
    } catch {
      (streams[0] as NodeJS.ReadableStream & { destroy(): void }).destroy();
      return chunk;
    }
  }
  return undefined;
}
