import { describe, expect, it } from 'vitest';
import { assembleRecordSets } from '../../src/heavy/assembleRecordSets.js';
import type { FileReport } from '../../src/heavy/fileReport.js';
import { recordSetNames } from '../../src/heavy/recordSetNames.js';
import { createIdFactory } from '../../src/ids.js';
import type { ProfiledFile } from '../../src/light/lightState.js';
import type { TableProfile } from '../../src/tabular/index.js';
import { DATASET_ID } from '../helpers/tempDataset.js';

const ids = createIdFactory(DATASET_ID);

function profiledFile(relativePath: string, encodingFormat: string): ProfiledFile {
  const name = relativePath.split('/').at(-1) ?? relativePath;
  return { relativePath, name, folder: '', absolutePath: `/data/${relativePath}`, size: 1, sha256: '', encodingFormat, id: ids('file', relativePath) };
}

function table(column: string): TableProfile {
  const statistics = {
    rowCount: 2, valueCount: 2, missingCount: 0, missingPercentage: 0, uniqueCount: 2, min: 1, max: 2, mean: 1.5, median: 1.5,
    variance: 0.5, standardDeviation: Math.SQRT1_2, range: 1, percentile05: 1.05, percentile95: 1.95, histogram: null, generatedAt: 'now',
  };
  return { rowCount: 2, columns: [{ name: column, dataType: 'sc:Integer', sample: [1, 2], statistics }], examples: [{ [column]: 1 }, { [column]: 2 }], skippedRows: 0, warnings: [] };
}

describe('Function: assembleRecordSets', () => {
  const book = profiledFile('book.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const reports: FileReport[] = [
    { file: book, kind: 'workbook', sheets: [{ sheet: 'Second', table: table('b') }, { sheet: 'Broken', error: 'bad sheet' }] },
    { file: profiledFile('notes.bin', 'application/octet-stream'), kind: 'none' },
  ];

  it('pairs every sheet with its own FileObject and points the fields at it', () => {
    const { recordSets, sheetFileObjects } = assembleRecordSets(reports, recordSetNames(reports), ids);
    expect(sheetFileObjects.map((sheet) => [sheet.name, sheet.containedIn])).toEqual([
      ['Second', { '@id': book.id }],
      ['Broken', { '@id': book.id }],
    ]);
    expect(recordSets.map((recordSet) => recordSet.name)).toEqual(['book/Second', 'book/Broken']);
    const [field] = recordSets[0]?.field as Record<string, unknown>[];
    expect(field).toMatchObject({
      name: 'b',
      source: { fileObject: { '@id': sheetFileObjects[0]?.['@id'] }, extract: { column: 'b' } },
      statistics: { '@type': 'dg:ColumnStatistics', rowCount: 2, valueCount: 2 },
    });
    expect(recordSets[1]).toMatchObject({ error: 'bad sheet', source: { '@id': sheetFileObjects[1]?.['@id'] } });
    expect(recordSets[0]?.examples).toEqual([{ b: 1 }, { b: 2 }]);
  });

  it('derives every id from the dataset id, path, sheet and column', () => {
    const first = JSON.stringify(assembleRecordSets(reports, recordSetNames(reports), ids));
    expect(JSON.stringify(assembleRecordSets(reports, recordSetNames(reports), createIdFactory(DATASET_ID)))).toBe(first);
    const allIds = first.match(/"@id":"[^"]+"/g) ?? [];
    expect(allIds.length).toBeGreaterThan(4);
  });
});
