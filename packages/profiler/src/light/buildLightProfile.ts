import { realpath, stat } from 'node:fs/promises';
import { validate as isUuid } from 'uuid';
import type { CroissantDataset, LightResult, ProfileOptions } from '../api.js';
import { listDatabases } from '../database/profileDatabases.js';
import { DatasetFolderError } from '../errors.js';
import { createIdFactory, type IdFactory } from '../ids.js';
import { ProgressTracker } from '../progressTracker.js';
import { settingsOf } from '../settings.js';
import { mapWithConcurrency } from '../util/mapWithConcurrency.js';
import { openConfined, OutsideDatasetError, isInside } from '../walk/confinedFile.js';
import { FileChangedError, hashFile } from '../walk/hashFile.js';
import { mediaTypeOf } from '../walk/mediaTypes.js';
import { walkDataset, type ListedFile } from '../walk/walkDataset.js';
import { datasetHeader } from './datasetHeader.js';
import { buildDistribution, fileSetIdOf } from './distribution.js';
import type { LightState, ProfiledFile } from './lightState.js';

/**
 * The light profile: dataset metadata plus one distribution entry per file (hashed once, streamed)
 * and per folder. Its `state` lets `buildHeavyProfile` go on without walking or hashing again.
 */
export async function buildLightProfile(options: ProfileOptions): Promise<LightResult> {
  const settings = settingsOf(options);
  const realRoot = await resolveRoot(options.root, options.confineTo);
  const datasetId = isUuid(options.metadata.id) ? options.metadata.id.toLowerCase() : options.metadata.id;
  const ids = createIdFactory(datasetId);

  const listed = await walkDataset(realRoot);
  const bytesTotal = listed.reduce((total, file) => total + file.size, 0);
  new ProgressTracker('listing', listed.length, bytesTotal, options.onProgress).start();
  const progress = new ProgressTracker('light', listed.length, bytesTotal, options.onProgress);
  progress.start();
  const files = await mapWithConcurrency(listed, settings.concurrency, async (file) => {
    const profiled = await describeFile(realRoot, file, ids, (bytes) => progress.addBytes(bytes));
    progress.fileDone();
    return profiled;
  });

  const databases = await listDatabases(options.databases ?? [], settings.database, ids);

  const profile: CroissantDataset = {
    ...datasetHeader(datasetId, options.metadata),
    distribution: buildDistribution(files, databases, ids, options.publicBaseUrl),
  };
  const state: LightState = { kind: 'dataset-profiler/light-state', datasetId, realRoot, files, databases };
  return { profile, state };
}

async function describeFile(realRoot: string, file: ListedFile, ids: IdFactory, onBytes: (bytes: number) => void): Promise<ProfiledFile> {
  return {
    ...file,
    id: ids('file', file.relativePath),
    ...(await hashOrReason(realRoot, file, onBytes)),
    encodingFormat: mediaTypeOf(file.name),
    ...(file.folder ? { fileSetId: fileSetIdOf(file.folder, ids) } : {}),
  };
}

/**
 * A file that cannot be read (gone, no permission, now resolving outside the root, changed while
 * hashed) is listed with the reason, and the job goes on. The bytes hashed are those of the
 * descriptor openConfined checked.
 */
async function hashOrReason(realRoot: string, file: ListedFile, onBytes: (bytes: number) => void): Promise<{ sha256: string } | { error: string }> {
  if (file.unreadable) return { error: file.unreadable };
  try {
    const { handle } = await openConfined(realRoot, file.absolutePath);
    try {
      return { sha256: await hashFile(handle, file.size, onBytes) };
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof OutsideDatasetError || error instanceof FileChangedError) return { error: error.message };
    // The code only: Node's message names the server path, which the profile must not show.
    return { error: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'read error'})` };
  }
}

/** The root's real path; fails with a reason a person can act on. */
async function resolveRoot(root: string, confineTo: string | undefined): Promise<string> {
  let realRoot: string;
  try {
    realRoot = await realpath(root);
  } catch (error) {
    throw new DatasetFolderError(root, 'the folder does not exist or cannot be reached', { cause: error });
  }
  if (confineTo !== undefined && !isInside(confineTo, realRoot)) {
    throw new DatasetFolderError(root, 'it now resolves outside the folder it was located in (replaced by a symlink?)');
  }
  if (!(await stat(realRoot)).isDirectory()) throw new DatasetFolderError(root, 'it is not a folder');
  return realRoot;
}
