import { open } from 'node:fs/promises';
import { formatSuffixOf } from '../walk/mediaTypes.js';

/** How the heavy step reads a file; `none` files keep only their distribution entry. */
export type FileKind = 'delimited' | 'parquet' | 'json' | 'workbook' | 'pdf' | 'text' | 'image' | 'none';

/**
 * Chosen by the (case-insensitive) suffix, never by where the file sits. `.xls` is `none`: no
 * maintained npm library reads the legacy binary format (SheetJS's npm release is outdated).
 */
const KIND_BY_SUFFIX: Readonly<Record<string, FileKind>> = {
  csv: 'delimited',
  tsv: 'delimited',
  tab: 'delimited',
  'csv.gz': 'delimited',
  'tsv.gz': 'delimited',
  parquet: 'parquet',
  json: 'json',
  jsonl: 'json',
  ndjson: 'json',
  xlsx: 'workbook',
  xlsm: 'workbook',
  pdf: 'pdf',
  txt: 'text',
  text: 'text',
  md: 'text',
  markdown: 'text',
  jpg: 'image',
  jpeg: 'image',
  png: 'image',
  gif: 'image',
  bmp: 'image',
  webp: 'image',
  tif: 'image',
  tiff: 'image',
};

export async function fileKindOf(name: string, absolutePath: string): Promise<FileKind> {
  const suffix = formatSuffixOf(name);
  const kind = KIND_BY_SUFFIX[suffix] ?? 'none';
  if (kind === 'json' && suffix === 'json' && !(await holdsRecords(absolutePath))) return 'none';
  return kind;
}

/**
 * Whether a `.json` file is a table: an array (of records) or JSON Lines (an object on the first
 * line and more lines after it). A single JSON document such as a config file is not.
 */
async function holdsRecords(path: string): Promise<boolean> {
  const head = await readHead(path, 64 * 1024);
  const start = head.trimStart();
  if (start.startsWith('[')) return true;
  if (!start.startsWith('{')) return false;
  const [firstLine, ...rest] = start.split('\n');
  return rest.some((line) => line.trim() !== '') && parsesAsObject(firstLine ?? '');
}

function parsesAsObject(line: string): boolean {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

async function readHead(path: string, bytes: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(bytes), 0, bytes, 0);
    return buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '');
  } finally {
    await handle.close();
  }
}
