import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeTabularEngine } from '../../src/tabular/index.js';
import { buildHeavyProfile } from '../../src/heavy/buildHeavyProfile.js';
import { buildLightProfile } from '../../src/light/buildLightProfile.js';
import { makeTempDataset, testMetadata, type TempDataset } from '../helpers/tempDataset.js';
import { writeTestWorkbook } from '../helpers/testWorkbook.js';

type Entry = Record<string, unknown>;

describe('Function: buildHeavyProfile, Excel workbooks', () => {
  let dataset: TempDataset | undefined;
  afterEach(async () => dataset?.cleanup());
  afterAll(closeTabularEngine);

  it('gives one record set and one sheet FileObject per non-empty sheet, fields pointing at the sheet', async () => {
    dataset = await makeTempDataset({ 'old.xls': 'legacy binary workbook' });
    await writeTestWorkbook(`${dataset.root}/book.xlsx`);
    const options = { root: dataset.root, metadata: testMetadata() };
    const { profile, cdd } = await buildHeavyProfile(await buildLightProfile(options), options);

    const distribution = profile.distribution as Entry[];
    const workbook = distribution.find((entry) => entry.name === 'book.xlsx');
    const sheets = distribution.slice(-2);
    expect(sheets.map((sheet) => sheet.name)).toEqual(['People', 'Tricky']);
    for (const sheet of sheets) expect(sheet).toMatchObject({ '@type': 'cr:FileObject', containedIn: { '@id': workbook?.['@id'] } });

    const recordSets = profile.recordSet as Entry[];
    expect(recordSets.map((recordSet) => recordSet.name)).toEqual(['book/People', 'book/Tricky']);
    const people = recordSets[0]?.field as Entry[];
    expect(people.map((field) => [field.name, field.dataType])).toEqual([['name', 'sc:Text'], ['age', 'sc:Integer'], ['joined', 'sc:Date']]);
    expect(people[0]?.source).toEqual({ fileObject: { '@id': sheets[0]?.['@id'] }, extract: { column: 'name' } });

    const book = cdd.files.find((file) => (file as Entry).name === 'book') as Entry;
    expect((book.tables as Entry[]).map((table) => table.name)).toEqual(['People', 'Tricky']);
    expect(cdd.files.map((file) => (file as Entry).original_format)).toEqual(['xlsx', 'xls']);
  }, 60_000);
});
