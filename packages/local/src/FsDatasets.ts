import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { datasetIdProblem, type DatasetLocation, type Datasets } from '@dataset-profiler/core';
import { isNotFound } from './fs/atomicFile.js';

const MISSING: DatasetLocation = { kind: 'missing' };
const OUTSIDE: DatasetLocation = { kind: 'outside' };

/**
 * Dataset folders under one data root. The id must keep core's lexical rules (datasetIds.ts); then
 * symlinks are followed and the real path must stay inside the real root, so a link inside the root
 * cannot hand out a folder elsewhere on the machine. The answer is that real path, which the job
 * hands the profiler as the bound its files must stay within.
 */
export class FsDatasets implements Datasets {
  private readonly root: string;

  constructor(dataRoot: string) {
    this.root = resolve(dataRoot);
  }

  async locate(datasetId: string): Promise<DatasetLocation> {
    if (datasetIdProblem(datasetId)) return OUTSIDE;
    const realRoot = await realPathOrUndefined(this.root);
    const realTarget = await realPathOrUndefined(`${this.root}${sep}${datasetId}`);
    if (!realRoot || !realTarget) return MISSING;
    if (!isWithin(realRoot, realTarget)) return OUTSIDE;
    const info = await stat(realTarget);
    return info.isDirectory() ? { kind: 'inside', path: realTarget } : MISSING;
  }
}

const isWithin = (root: string, candidate: string): boolean => {
  const rel = relative(root, candidate);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
};

const realPathOrUndefined = async (path: string): Promise<string | undefined> => {
  try {
    return await realpath(path);
  } catch (error) {
    // ENOTDIR: a path component is a file; ELOOP: a symlink cycle; ENAMETOOLONG: the link chain's
    // path grew past PATH_MAX; EACCES: a folder on the way may not be searched. None names a dataset folder.
    if (isNotFound(error) || ['ENOTDIR', 'ELOOP', 'ENAMETOOLONG', 'EACCES'].some((code) => hasCode(error, code))) return undefined;
    throw error;
  }
};

const hasCode = (error: unknown, code: string): boolean =>
  typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === code;
