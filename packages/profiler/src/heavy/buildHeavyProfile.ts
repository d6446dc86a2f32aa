import type { CroissantDataset, HeavyResult, LightResult, ProfileOptions } from '../api.js';
import { buildCddProfile } from '../cdd/buildCddProfile.js';
import { profileDatabases } from '../database/profileDatabases.js';
import { createIdFactory } from '../ids.js';
import { readLightState } from '../light/lightState.js';
import { ProgressTracker } from '../progressTracker.js';
import { settingsOf } from '../settings.js';
import { mapWithConcurrency } from '../util/mapWithConcurrency.js';
import { assembleRecordSets } from './assembleRecordSets.js';
import { profileFile } from './profileFile.js';
import { recordSetNames } from './recordSetNames.js';

/**
 * The heavy profile: the light profile plus a record set per profiled file (tables, workbook
 * sheets, PDFs, texts, images; a reasoned `error` for files that cannot be read) and one FileObject
 * per sheet; and the CDD profile. Reuses the light step's listing and hashes.
 */
export async function buildHeavyProfile(light: LightResult, options: ProfileOptions): Promise<HeavyResult> {
  const state = readLightState(light);
  const settings = settingsOf(options);
  const ids = createIdFactory(state.datasetId);
  const relations = state.databases.flatMap((database) => database.relations);
  const bytesTotal = state.files.reduce((total, file) => total + file.size, 0) + relations.reduce((total, relation) => total + relation.bytes, 0);
  // Every file and every database table is one unit of progress.
  const progress = new ProgressTracker('heavy', state.files.length + relations.length, bytesTotal, options.onProgress);
  progress.start();

  const context = { realRoot: state.realRoot, now: settings.now, limits: settings.limits, concurrency: settings.concurrency };
  const reports = await mapWithConcurrency(state.files, settings.concurrency, async (file) => {
    const report = await profileFile(file, context);
    progress.addBytes(file.size);
    progress.fileDone();
    return report;
  });

  const databases = await profileDatabases(state.databases, options.databases ?? [], settings.database, ids, settings.now, {
    tableDone(bytes) {
      progress.addBytes(bytes);
      progress.fileDone();
    },
  });

  const names = recordSetNames(reports);
  const assembled = assembleRecordSets(reports, names, ids);
  const { sheetFileObjects } = assembled;
  const recordSets = [...assembled.recordSets, ...databases.flatMap((database) => database.recordSets)];
  const distribution = light.profile.distribution as unknown[];
  const profile = { ...light.profile, distribution: [...distribution, ...sheetFileObjects], recordSet: recordSets } as CroissantDataset;
  const cdd = buildCddProfile({
    datasetId: state.datasetId,
    contentUrl: options.publicBaseUrl ?? state.datasetId,
    metadata: options.metadata,
    reports,
    names,
    databases,
    ids,
  });
  return { profile, cdd };
}
