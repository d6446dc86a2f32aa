import { afterEach, describe, expect, it } from 'vitest';
import { readWorkbook } from '../../src/readers/readWorkbook.js';
import { makeTempDataset, type TempDataset } from '../helpers/tempDataset.js';
import { writeTestWorkbook } from '../helpers/testWorkbook.js';

describe('Function: readWorkbook', () => {
  let dataset: TempDataset | undefined;
  afterEach(async () => dataset?.cleanup());

  it('returns the non-empty sheets with header names and plain cell values', async () => {
    dataset = await makeTempDataset({});
    const path = `${dataset.root}/book.xlsx`;
    await writeTestWorkbook(path);
    const sheets = await readWorkbook(path);
    expect(sheets.map((sheet) => sheet.name)).toEqual(['People', 'Tricky']);
    expect(sheets[0]?.columns).toEqual(['name', 'age', 'joined']);
    expect(sheets[0]?.rows[0]).toEqual(['Ana', 31, new Date(Date.UTC(2024, 0, 15))]);
    expect(sheets[1]).toEqual({ name: 'Tricky', columns: ['x', 'Unnamed: 1', 'x.1'], rows: [[2, 'rich text', null]] });
  });

  it('rejects a file that is not a workbook', async () => {
    dataset = await makeTempDataset({ 'fake.xlsx': 'not a zip' });
    await expect(readWorkbook(`${dataset.root}/fake.xlsx`)).rejects.toThrow();
  });
});
