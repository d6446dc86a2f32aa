/** Reasons of files that fail on a transcoded temp copy name the dataset's file, never the copy. */
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import iconv from 'iconv-lite';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { buildHeavyProfile } from '../../src/heavy/buildHeavyProfile.js';
import { buildLightProfile } from '../../src/light/buildLightProfile.js';
import { engineTempDirectory } from '../../src/tabular/engine.js';
import { closeTabularEngine, profileTable } from '../../src/tabular/index.js';
import { makeTempDataset, testMetadata, type TempDataset } from '../helpers/tempDataset.js';

const FRENCH = 'id,ville\n1,Orléans\n2,Besançon\n3,Nîmes\n';

describe('Function: buildHeavyProfile, errors on transcoded copies', () => {
  let dataset: TempDataset | undefined;
  afterEach(async () => dataset?.cleanup());
  afterAll(closeTabularEngine);

  it('names the Latin-1 file, not its temp copy, when the copy cannot be written', async () => {
    dataset = await makeTempDataset({ 'ok.csv': 'a\n1\n', 'sub/fr.csv': iconv.encode(FRENCH, 'latin1') });
    await profileTable({ kind: 'delimited', path: `${dataset.root}/ok.csv` }); // starts the engine
    const engineDirectory = engineTempDirectory();
    await rm(engineDirectory, { recursive: true, force: true }); // as a temp reaper would
    const options = { root: dataset.root, metadata: testMetadata() };
    const { profile } = await buildHeavyProfile(await buildLightProfile(options), options);
    const failed = (profile.recordSet as Record<string, unknown>[]).find((recordSet) => recordSet.name === 'sub/fr');
    const error = String(failed?.error);
    expect(error).toMatch(/^cannot profile delimited file sub\/fr\.csv: cannot transcode/);
    for (const leaked of [engineDirectory, 'transcoded_', tmpdir()]) expect(error).not.toContain(leaked);
  });
});
