/** The pre-reads that stop hostile files before DuckDB or exceljs meet them. */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkDelimited } from '../../src/limits/checkDelimited.js';
import { checkJsonDepth } from '../../src/limits/checkJsonDepth.js';
import { checkWorkbook } from '../../src/limits/checkWorkbook.js';
import { DEFAULT_FILE_LIMITS, FileLimitError } from '../../src/limits/fileLimits.js';
import { MAX_LINE_SIZE } from '../../src/tabular/csvRead.js';
import { billionLaughsWorkbook, gzipBombCsv, zipBombWorkbook } from '../helpers/hostileFiles.js';
import { makeTempDataset, type TempDataset } from '../helpers/tempDataset.js';
import { writeTestWorkbook } from '../helpers/testWorkbook.js';

const MIB = 1024 * 1024;
const limits = { ...DEFAULT_FILE_LIMITS, decompressedBytes: 4 * MIB, jsonDepth: 3 };

let dataset: TempDataset | undefined;
afterEach(async () => dataset?.cleanup());

async function fileWith(name: string, content: string | Buffer): Promise<string> {
  dataset = await makeTempDataset({ [name]: content });
  return join(dataset.root, name);
}

async function limitHit(check: Promise<void>): Promise<{ limit: string; value: number; message: string }> {
  const error = await check.then(() => undefined, (rejection: unknown) => rejection);
  expect(error).toBeInstanceOf(FileLimitError);
  const { limit, value, message } = error as FileLimitError;
  return { limit, value, message };
}

describe('Function: checkJsonDepth', () => {
  it('accepts nesting up to the limit, brackets inside strings and escaped quotes not counted', async () => {
    await expect(checkJsonDepth(await fileWith('a.json', '[{"a": [1, "[[[[\\"{{{{"]}]\n'), limits)).resolves.toBeUndefined();
  });

  it('fails one level deeper, naming the limit', async () => {
    expect(await limitHit(checkJsonDepth(await fileWith('a.json', '[[[[]]]]'), limits))).toEqual({
      limit: 'jsonDepth', value: 3, message: 'arrays and objects nest deeper than the limit of 3 levels',
    });
  });

  it('counts each JSON Lines document from zero', async () => {
    await expect(checkJsonDepth(await fileWith('a.jsonl', '{"a": [[1]]}\n'.repeat(50)), limits)).resolves.toBeUndefined();
  });
});

describe('Function: checkDelimited', () => {
  it('fails a line longer than read_csv accepts', async () => {
    const path = await fileWith('long.csv', `a\n${'x'.repeat(MAX_LINE_SIZE + 1)}\n`);
    expect(await limitHit(checkDelimited(path, limits))).toMatchObject({ limit: 'lineBytes', value: MAX_LINE_SIZE });
  });

  it('ends lines at \\r as well as \\n', async () => {
    const path = await fileWith('mac.csv', 'a,b\r'.repeat((MAX_LINE_SIZE * 2) / 4));
    await expect(checkDelimited(path, limits)).resolves.toBeUndefined();
  });

  it('fails a gzip file that inflates past the limit, whatever it is named', async () => {
    const path = await fileWith('rows.csv', gzipBombCsv(8));
    expect(await limitHit(checkDelimited(path, limits))).toEqual({
      limit: 'decompressedBytes', value: 4 * MIB, message: `the gzip file decompresses to more than the limit of ${4 * MIB} bytes`,
    });
  });
});

describe('Function: checkWorkbook', () => {
  it('passes an ordinary workbook', async () => {
    dataset = await makeTempDataset({});
    const path = join(dataset.root, 'book.xlsx');
    await writeTestWorkbook(path);
    await expect(checkWorkbook(path, limits)).resolves.toBeUndefined();
  });

  it('fails a zip bomb by the sizes its directory declares', async () => {
    const path = await fileWith('bomb.xlsx', zipBombWorkbook(8, false));
    expect((await limitHit(checkWorkbook(path, limits))).message).toBe(`the workbook (by its zip directory) decompresses to more than the limit of ${4 * MIB} bytes`);
  });

  it('fails a zip bomb that lies about its sizes by the bytes that come out', async () => {
    const path = await fileWith('bomb.xlsx', zipBombWorkbook(8, true));
    expect(await limitHit(checkWorkbook(path, limits))).toEqual({
      limit: 'decompressedBytes', value: 4 * MIB, message: `the workbook decompresses to more than the limit of ${4 * MIB} bytes`,
    });
  });

  it('refuses a part that declares a DTD (billion laughs)', async () => {
    const path = await fileWith('laughs.xlsx', billionLaughsWorkbook());
    await expect(checkWorkbook(path, limits)).rejects.toThrow('the workbook part xl/worksheets/sheet1.xml declares a DTD, which OOXML does not allow (entity expansion)');
  });
});
