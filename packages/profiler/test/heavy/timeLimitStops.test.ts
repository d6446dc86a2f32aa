/**
 * What the time limit's abort stops behind the report: a DuckDB statement in the middle of a load is
 * interrupted, and a reader worker in the middle of a read is terminated; both engines then serve
 * the next file.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeProfilerEngines } from '../../src/closeProfilerEngines.js';
import { DEFAULT_FILE_LIMITS } from '../../src/limits/fileLimits.js';
import { runReader } from '../../src/readers/readerPool.js';
import { profileTable } from '../../src/tabular/index.js';
import { makeTempDataset, type TempDataset } from '../helpers/tempDataset.js';

/** About 40 MB: well over a second of loading and statistics. */
const bigCsv = () => ['id,amount,label', ...Array.from({ length: 1_200_000 }, (_, i) => `${i},${(i * 7919) % 100_003},label ${i % 50_000}`)].join('\n');

describe('the time limit stops the read behind the report', () => {
  let dataset: TempDataset | undefined;
  afterEach(async () => dataset?.cleanup());
  afterAll(closeProfilerEngines);

  it('interrupts DuckDB in the middle of a table, which then profiles the next one', async () => {
    dataset = await makeTempDataset({ 'small.csv': 'a,b\n1,x\n2,y\n' });
    const big = join(dataset.root, 'big.csv');
    await writeFile(big, bigCsv());
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    await expect(profileTable({ kind: 'delimited', path: big }, { signal: controller.signal })).rejects.toThrow(/interrupt/i);
    const next = await profileTable({ kind: 'delimited', path: join(dataset.root, 'small.csv') });
    expect(next.rowCount).toBe(2);
  }, 60_000);

  it('terminates a reader worker in the middle of a read, and the pool reads the next file', async () => {
    dataset = await makeTempDataset({ 'small.txt': 'a short text in English, read after the stopped one' });
    const big = join(dataset.root, 'big.txt');
    await writeFile(big, 'many words of plain text to read and count '.repeat(600_000));
    const options = { limits: { ...DEFAULT_FILE_LIMITS }, threads: 1 };
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    await expect(runReader('text', big, { ...options, signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    const next = await runReader('text', join(dataset.root, 'small.txt'), { ...options, signal: new AbortController().signal });
    expect(next.text).toBe('a short text in English, read after the stopped one');
  }, 60_000);
});
