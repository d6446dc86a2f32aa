import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { DatasetLocation, Datasets } from '@dataset-profiler/core';
import { isNotFound } from './fs/atomicFile.js';

const MISSING: DatasetLocation = { kind: 'missing' };
const OUTSIDE: DatasetLocation = { kind: 'outside' };

/**
 * Dataset folders under one data root. Symlinks are followed and the real path must stay inside the
 * real root, so a link inside the root cannot hand out a folder elsewhere on the machine.
 */
export class FsDatasets implements Datasets {
  private readonly root: string;

  constructor(dataRoot: string) {
    this.root = resolve(dataRoot);
  }

  async locate(datasetId: string): Promise<DatasetLocation> {
    if (datasetId.includes('\0') || !isWithin(this.root, resolve(this.root, datasetId))) return OUTSIDE;
    const realRoot = await realPathOrUndefined(this.root);
    // Not path.resolve: it would fold `link/..` lexically, while the file system follows `link` first.
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
    // ENOTDIR: a path component is a file; ELOOP: a symlink cycle. Neither names a dataset folder.
    if (isNotFound(error) || hasCode(error, 'ENOTDIR') || hasCode(error, 'ELOOP')) return undefined;
    throw error;
  }
};

const hasCode = (error: unknown, code: string): boolean =>
  typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === code;
