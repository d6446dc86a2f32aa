import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProfilerProgress } from '../../src/api.js';
import { REFERENCE_CONTEXT_SIZE } from '../../src/context.js';
import { buildLightProfile } from '../../src/light/buildLightProfile.js';
import { DatabaseProfileError, DatasetFolderError } from '../../src/errors.js';
import { DATASET_ID, FIXTURES, makeTempDataset, testMetadata, type TempDataset } from '../helpers/tempDataset.js';

const DUMMY = `${FIXTURES}/dummy_data/data`;

async function sha256Of(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

type Entry = Record<string, unknown>;

describe('Function: buildLightProfile', () => {
  let dataset: TempDataset | undefined;
  afterEach(async () => dataset?.cleanup());

  it('describes dummy_data: two FileSets, then every file with the hash of its bytes', async () => {
    const { profile } = await buildLightProfile({ root: DUMMY, metadata: testMetadata() });
    const distribution = profile.distribution as Entry[];
    expect(distribution.map((entry) => [entry['@type'], entry.name])).toEqual([
      ['cr:FileSet', 'imgs'],
      ['cr:FileSet', 'pdfs'],
      ['cr:FileObject', 'csv_1.csv'],
      ['cr:FileObject', 'weather_image.jpg'],
      ['cr:FileObject', '960.pdf'],
    ]);
    const [imgs, pdfs, csv, image, pdf] = distribution as [Entry, Entry, Entry, Entry, Entry];
    expect(imgs).toMatchObject({ encodingFormat: 'image/jpeg', contentSize: '77587 B', contentUrl: 'imgs', includes: 'imgs/*' });
    expect(pdfs).toMatchObject({ encodingFormat: 'application/pdf', contentSize: '148957 B', includes: 'pdfs/*' });
    expect(csv).toMatchObject({ encodingFormat: 'text/csv', contentSize: '2386685 B', contentUrl: 'csv_1.csv', sha256: await sha256Of(`${DUMMY}/csv_1.csv`) });
    expect(csv).not.toHaveProperty('containedIn');
    expect(image).toMatchObject({ contentUrl: 'imgs/weather_image.jpg', containedIn: { '@id': imgs['@id'] }, sha256: await sha256Of(`${DUMMY}/imgs/weather_image.jpg`) });
    expect(pdf).toMatchObject({ contentSize: '148957 B', containedIn: { '@id': pdfs['@id'] }, sha256: await sha256Of(`${DUMMY}/pdfs/960.pdf`) });
    expect(profile).not.toHaveProperty('recordSet');
  });

  it('writes the top-level keys in the reference order with our fixes', async () => {
    const { profile } = await buildLightProfile({ root: DUMMY, metadata: testMetadata() });
    expect(Object.keys(profile)).toEqual([
      '@context', '@type', '@id', 'name', 'description', 'archivedAt', 'conformsTo', 'citeAs', 'license', 'url', 'doi',
      'version', 'headline', 'keywords', 'fieldOfScience', 'inLanguage', 'country', 'datePublished', 'access', 'status',
      'uploadedBy', 'distribution',
    ]);
    expect(profile).toMatchObject({ '@id': DATASET_ID, archivedAt: DATASET_ID, doi: '10.1234/test', status: 'loaded' });
    const context = profile['@context'] as Record<string, unknown>;
    expect(REFERENCE_CONTEXT_SIZE).toBe(58);
    expect(Object.keys(context).slice(57, 59)).toEqual(['containedIn', 'summary']);
    expect(context).toMatchObject({ pagesCount: 'dg:pagesCount', valueCount: 'dg:valueCount', unparsedCount: 'dg:unparsedCount' });
  });

  it('gives the same document twice and ids that depend on the dataset id only', async () => {
    const first = await buildLightProfile({ root: DUMMY, metadata: testMetadata(), concurrency: 1 });
    const second = await buildLightProfile({ root: DUMMY, metadata: testMetadata(), concurrency: 3 });
    expect(JSON.stringify(second.profile)).toBe(JSON.stringify(first.profile));
    const other = await buildLightProfile({ root: DUMMY, metadata: testMetadata({ id: '11111111-2222-4333-8444-555555555555' }) });
    expect((other.profile.distribution as Entry[])[0]?.['@id']).not.toBe((first.profile.distribution as Entry[])[0]?.['@id']);
  });

  it('lists unknown and nested files, reports mixed folder types, and uses the public base URL', async () => {
    dataset = await makeTempDataset({ 'README': 'hi', 'a/b/x y.bin': 'x', 'a/t.txt': 'hello', 'a/u.CSV': 'h\n1\n' });
    const { profile } = await buildLightProfile({ root: dataset.root, metadata: testMetadata(), publicBaseUrl: 'https://data.example/ds' });
    const distribution = profile.distribution as Entry[];
    expect(distribution.map((entry) => entry.contentUrl)).toEqual([
      'https://data.example/ds/a', 'https://data.example/ds/a/b', 'https://data.example/ds/README',
      'https://data.example/ds/a/t.txt', 'https://data.example/ds/a/u.CSV', 'https://data.example/ds/a/b/x%20y.bin',
    ]);
    expect(distribution[0]).toMatchObject({ name: 'a', encodingFormat: ['text/csv', 'text/plain'], contentSize: '9 B' });
    expect(distribution[1]).toMatchObject({ name: 'a/b', encodingFormat: 'application/octet-stream', includes: 'a/b/*' });
    expect(distribution[5]).toMatchObject({ name: 'x y.bin', containedIn: { '@id': distribution[1]?.['@id'] } });
  });

  it('fails naming the connection, before connecting, when it has no credentials', async () => {
    dataset = await makeTempDataset({ 'f/a.txt': 'x' });
    const databases = [{ protocol: 'postgresql', engine: 'PostgreSQL', host: 'localhost', port: 5432, databaseName: 'ds_mathe' }];
    await expect(buildLightProfile({ root: dataset.root, metadata: testMetadata(), databases })).rejects.toThrow(
      new DatabaseProfileError('no credentials for database localhost:5432/ds_mathe: add them to DB_CREDENTIALS or to the secret DB_CREDENTIALS_SECRET_ARN names'),
    );
  });

  it('reports hashing progress up to every file and byte', async () => {
    const events: ProfilerProgress[] = [];
    await buildLightProfile({ root: DUMMY, metadata: testMetadata(), onProgress: (event) => events.push(event) });
    expect(events[0]).toMatchObject({ phase: 'listing', filesTotal: 3, bytesTotal: 2613229 });
    expect(events.at(-1)).toEqual({ phase: 'light', filesDone: 3, filesTotal: 3, bytesDone: 2613229, bytesTotal: 2613229 });
  });

  it('lists a file that cannot be read with the reason instead of a hash, and goes on', async () => {
    dataset = await makeTempDataset({ 'gone.csv': 'a\n1\n', 'kept.txt': 'hello' });
    const root = dataset.root;
    // Listed, then deleted before it is hashed: the read fails as it would for a file with no permission.
    const onProgress = (event: ProfilerProgress) => event.phase === 'listing' && rmSync(`${root}/gone.csv`);
    const { profile } = await buildLightProfile({ root, metadata: testMetadata(), onProgress });
    const [gone, kept] = profile.distribution as Entry[];
    expect(gone).toMatchObject({ name: 'gone.csv', error: 'cannot read the file (ENOENT)' });
    expect(gone).not.toHaveProperty('sha256');
    expect(kept).toMatchObject({ name: 'kept.txt', sha256: createHash('sha256').update('hello').digest('hex') });
  });

  it('rejects a missing folder with a DatasetFolderError', async () => {
    await expect(buildLightProfile({ root: '/nonexistent/folder', metadata: testMetadata() })).rejects.toBeInstanceOf(DatasetFolderError);
  });
});
