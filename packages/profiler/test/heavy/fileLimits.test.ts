/** A file that hits a limit, or goes away, fails alone: reason and limit in the record set and the CDD profile. */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ProfileOptions } from '../../src/api.js';
import { closeProfilerEngines } from '../../src/closeProfilerEngines.js';
import { buildHeavyProfile } from '../../src/heavy/buildHeavyProfile.js';
import { buildLightProfile } from '../../src/light/buildLightProfile.js';
import { gzipBombCsv } from '../helpers/hostileFiles.js';
import { makeTempDataset, testMetadata, type TempDataset } from '../helpers/tempDataset.js';

type Entry = Record<string, unknown>;
const GOOD = 'a,b\n1,x\n2,y\n';

describe('Function: buildHeavyProfile, file limits', () => {
  let dataset: TempDataset | undefined;
  afterEach(async () => dataset?.cleanup());
  afterAll(closeProfilerEngines);

  const options = (root: string, limits: ProfileOptions['limits'] = {}): ProfileOptions => ({ root, metadata: testMetadata(), limits });

  it('reports the limit a file hits beside its reason, in the heavy and the CDD profile', async () => {
    dataset = await makeTempDataset({ 'good.csv': GOOD, 'bomb.csv.gz': gzipBombCsv(4) });
    const light = await buildLightProfile(options(dataset.root));
    const { profile, cdd } = await buildHeavyProfile(light, options(dataset.root, { decompressedBytes: 1024 * 1024 }));
    const failed = { error: 'the gzip file decompresses to more than the limit of 1048576 bytes', limitExceeded: 'decompressedBytes', limitValue: 1048576 };
    expect((profile.recordSet as Entry[]).find((set) => set.name === 'bomb.csv')).toMatchObject(failed);
    expect((cdd.files as Entry[]).find((file) => String(file.name).startsWith('bomb'))).toMatchObject(failed);
    expect((profile.recordSet as Entry[]).find((set) => set.name === 'good')).toMatchObject({ field: [{ name: 'a' }, { name: 'b' }] });
  });

  it('refuses a whole-file read larger than the reader heap before reading it', async () => {
    dataset = await makeTempDataset({ 'good.csv': GOOD, 'big.txt': 'word '.repeat(5 * 1024 * 1024) });
    const { profile } = await buildHeavyProfile(await buildLightProfile(options(dataset.root)), options(dataset.root, { readerHeapMb: 16 }));
    expect((profile.recordSet as Entry[]).find((set) => set.name === 'big')).toMatchObject({
      error: 'the file (26214400 bytes) is larger than the reader\'s heap limit of 16 MB', limitExceeded: 'readerHeapMb', limitValue: 16,
    });
  });

  it('fails a file that disappeared after the light step, and profiles the others', async () => {
    dataset = await makeTempDataset({ 'good.csv': GOOD, 'gone.csv': GOOD, 'vanished.txt': 'text' });
    const light = await buildLightProfile(options(dataset.root));
    await rm(join(dataset.root, 'gone.csv'));
    await rm(join(dataset.root, 'vanished.txt'));
    const recordSets = (await buildHeavyProfile(light, options(dataset.root))).profile.recordSet as Entry[];
    for (const name of ['gone', 'vanished']) {
      expect(recordSets.find((set) => set.name === name)).toEqual(expect.objectContaining({ error: 'the file cannot be read any more (ENOENT)' }));
    }
    expect(recordSets.find((set) => set.name === 'good')).toMatchObject({ field: [{ name: 'a' }, { name: 'b' }] });
  });
});
