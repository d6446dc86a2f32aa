import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeTabularEngine } from '../../src/tabular/index.js';
import type { ProfileOptions } from '../../src/api.js';
import { InvalidLightStateError } from '../../src/errors.js';
import { buildHeavyProfile } from '../../src/heavy/buildHeavyProfile.js';
import { buildLightProfile } from '../../src/light/buildLightProfile.js';
import { blankPdf } from '../helpers/blankPdf.js';
import { FIXTURES, makeTempDataset, testMetadata, type TempDataset } from '../helpers/tempDataset.js';

type Entry = Record<string, unknown>;

/** A gzip stream cut in half: no reader can decode it to the end. */
function truncatedGzipCsv(): Buffer {
  const rows = Array.from({ length: 5000 }, (_, index) => `${index},x${index}\n`).join('');
  const packed = gzipSync(`a,b\n${rows}`);
  return packed.subarray(0, packed.length >> 1);
}

const FIXED_NOW = () => new Date('2025-06-01T12:00:00.000Z');

async function profileBoth(options: Omit<ProfileOptions, 'metadata'> & Partial<Pick<ProfileOptions, 'metadata'>>) {
  const full = { metadata: testMetadata(), now: FIXED_NOW, ...options };
  return buildHeavyProfile(await buildLightProfile(full), full);
}

function recordSetsOf(profile: Entry): Entry[] {
  return profile.recordSet as Entry[];
}

describe('Function: buildHeavyProfile', () => {
  let dataset: TempDataset | undefined;
  afterEach(async () => dataset?.cleanup());
  afterAll(closeTabularEngine);

  it('profiles dummy_data: the CSV, the image and the PDF', async () => {
    const { profile, cdd } = await profileBoth({ root: `${FIXTURES}/dummy_data/data` });
    const distribution = profile.distribution as Entry[];
    const csvObject = distribution.find((entry) => entry.name === 'csv_1.csv');
    const [csv, image, pdf] = recordSetsOf(profile) as [Entry, Entry, Entry];
    expect(recordSetsOf(profile).map((recordSet) => recordSet.name)).toEqual(['csv_1', 'imgs/weather_image', 'pdfs/960']);

    const fields = csv.field as Entry[];
    expect(fields).toHaveLength(11);
    expect(fields[0]).toMatchObject({
      '@type': 'cr:Field', name: 'dv_agency', description: '',
      source: { fileObject: { '@id': csvObject?.['@id'] }, extract: { column: 'dv_agency' } },
      statistics: { '@type': 'dg:ColumnStatistics', rowCount: 20357, generatedAt: '2025-06-01T12:00:00.000Z' },
    });
    expect(Array.isArray(csv.examples)).toBe(true);
    expect((csv.examples as unknown[]).length).toBe(30);

    expect(image).toMatchObject({ width: 612, height: 404, imageFormat: 'jpg', source: { '@type': 'cr:FileObject' } });
    expect(pdf).toMatchObject({
      pagesCount: 3, producer: 'pdfTeX-1.40.26', dateCreated: '2024-11-14T10:54:11.000Z', textLayer: true, language: 'en', field: [],
    });
    expect((pdf.keywords as string[]).length).toBeGreaterThan(0);

    expect(cdd.files.map((file) => [(file as Entry).name, (file as Entry).original_format])).toEqual([
      ['csv_1', 'csv'], ['imgs/weather_image', 'jpg'], ['pdfs/960', 'pdf'],
    ]);
    const cddColumns = (cdd.files[0] as Entry).columns as Entry[];
    expect(cddColumns[0]).toMatchObject({ name: 'dv_agency', primitive_type: 'sc:Text', semantic_types: [] });
    expect((cdd.files[0] as Entry).source_file).toBe('csv_1.csv');
  }, 60_000);

  it('gives byte-identical output on a second run, whatever the concurrency', async () => {
    const root = `${FIXTURES}/mathe_integration_techniques/data`;
    const first = await profileBoth({ root, concurrency: 1 });
    const second = await profileBoth({ root, concurrency: 4 });
    expect(JSON.stringify(second.profile)).toBe(JSON.stringify(first.profile));
    expect(JSON.stringify(second.cdd)).toBe(JSON.stringify(first.cdd));
  }, 60_000);

  it('profiles every mathe PDF with its page count, and the three CSVs', async () => {
    const { profile } = await profileBoth({ root: `${FIXTURES}/mathe_integration_techniques/data` });
    const recordSets = recordSetsOf(profile);
    expect(recordSets.map((recordSet) => recordSet.name)).toEqual([
      'IntegrationTechniques', 'Keywords', 'Videos',
      ...Array.from({ length: 10 }, (_, index) => `PDF/${129 + index}`),
    ]);
    expect(recordSets.slice(3).map((recordSet) => recordSet.pagesCount)).toEqual([3, 2, 19, 2, 2, 1, 3, 1, 2, 3]);
    expect((recordSets[1]?.field as Entry[]).map((field) => field.name)).toEqual(['ID', 'name']);
  }, 60_000);

  it('gives unreadable files an error record set and profiles the rest', async () => {
    dataset = await makeTempDataset({
      'good.csv': 'a,b\n1,x\n2,y\n',
      'broken.csv.gz': truncatedGzipCsv(),
      'docs/broken.pdf': '%PDF-1.4\nnot really a pdf\n',
      'docs/binary.txt': Buffer.from([0x00, 0x01, 0x02, 0x03]),
      'docs/fine.txt': 'All good here.',
    });
    const { profile, cdd } = await profileBoth({ root: dataset.root });
    const byName = new Map(recordSetsOf(profile).map((recordSet) => [recordSet.name, recordSet]));
    expect([...byName.keys()]).toEqual(['broken.csv', 'good', 'docs/binary', 'docs/broken', 'docs/fine']);
    for (const name of ['broken.csv', 'docs/binary', 'docs/broken']) {
      expect(byName.get(name)).toMatchObject({ '@type': 'cr:RecordSet', error: expect.any(String) });
      expect(byName.get(name)).not.toHaveProperty('field');
      expect(String(byName.get(name)?.error)).not.toContain(dataset.root);
    }
    expect(byName.get('good')?.field).toHaveLength(2);
    expect(byName.get('docs/fine')).toMatchObject({ numWords: 3, numLines: 1, encoding: 'UTF-8' });
    expect(cdd.files.filter((file) => 'error' in (file as Entry))).toHaveLength(3);
  }, 60_000);

  it('names record sets by path, keeps unknown and config files without one, and reads JSON Lines', async () => {
    dataset = await makeTempDataset({
      'sales.2024.csv': 'x\n1\n',
      'a.csv': 'x\n1\n',
      'a.jsonl': '{"x": 1}\n{"x": 2}\n',
      'config.json': '{"setting": true}\n',
      'notes.bin': 'raw',
    });
    const { profile, cdd } = await profileBoth({ root: dataset.root });
    expect(recordSetsOf(profile).map((recordSet) => recordSet.name)).toEqual(['a.csv', 'a.jsonl', 'sales.2024']);
    expect(cdd.files.map((file) => (file as Entry).source_file)).toEqual(['a.csv', 'a.jsonl', 'sales.2024.csv', 'config.json', 'notes.bin']);
  }, 60_000);

  it('marks a PDF without text as having no text layer', async () => {
    dataset = await makeTempDataset({ 'scan.pdf': blankPdf() });
    const { profile } = await profileBoth({ root: dataset.root });
    expect(recordSetsOf(profile)[0]).toMatchObject({
      name: 'scan', pagesCount: 1, textLayer: false, textLength: 0, language: 'n/a', keywords: [], dateCreated: null, producer: '',
    });
  });

  it('reports heavy progress until every file is done', async () => {
    dataset = await makeTempDataset({ 'a.txt': 'one', 'b.txt': 'two' });
    const phases: string[] = [];
    const last: Entry[] = [];
    await profileBoth({ root: dataset.root, onProgress: (event) => { phases.push(event.phase); last.push({ ...event }); } });
    expect(new Set(phases)).toEqual(new Set(['listing', 'light', 'heavy']));
    expect(last.at(-1)).toEqual({ phase: 'heavy', filesDone: 2, filesTotal: 2, bytesDone: 6, bytesTotal: 6 });
  });

  it('refuses a light result it did not make', async () => {
    const light = { profile: { '@type': 'sc:Dataset' as const, '@id': 'x' }, state: {} };
    await expect(buildHeavyProfile(light, { root: '/tmp', metadata: testMetadata() })).rejects.toBeInstanceOf(InvalidLightStateError);
  });
});
