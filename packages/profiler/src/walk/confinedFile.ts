import { constants, type Stats } from 'node:fs';
import { open, realpath, stat, type FileHandle } from 'node:fs/promises';
import { sep } from 'node:path';

/** A listed file that now resolves outside the dataset folder, or is no longer the file that was checked: it is not read. */
export class OutsideDatasetError extends Error {
  readonly code = 'EOUTSIDE';
  constructor() {
    super('not read: the file now resolves outside the dataset folder (a symlink or a swapped folder)');
    this.name = 'OutsideDatasetError';
  }
}

export const isInside = (realRoot: string, path: string): boolean => path === realRoot || path.startsWith(realRoot + sep);

/** An open, checked file of the dataset: read it through `handle`, or by `realPath` and call `assertUnchanged` after. */
export interface ConfinedFile {
  handle: FileHandle;
  realPath: string;
  stats: Stats;
}

// O_NOFOLLOW: the last part of a real path is no link, so one that became a link since is refused;
// O_NONBLOCK: a file swapped for a FIFO must not hang the open (no effect on regular files).
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/**
 * Opens a listed file only when, at open time, its real path lies inside `realRoot`: the dataset may
 * have changed since it was listed, and a folder swapped for a symlink must not hand out a file from
 * elsewhere on the machine. After the open, the path must still resolve to the opened inode, so a
 * swap between the check and the open is caught as well.
 */
export async function openConfined(realRoot: string, path: string): Promise<ConfinedFile> {
  const realPath = await realpath(path);
  if (!isInside(realRoot, realPath)) throw new OutsideDatasetError();
  let handle: FileHandle;
  try {
    handle = await open(realPath, OPEN_FLAGS);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw new OutsideDatasetError();
    throw error;
  }
  try {
    const stats = await handle.stat();
    const file = { handle, realPath, stats };
    await assertUnchanged(path, file);
    if (!stats.isFile()) throw new Error('not a regular file');
    return file;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/**
 * The listed path still resolves to the checked real path and that holds the opened inode: nothing
 * was swapped since the check. Readers that open the file by path call it again once they are done,
 * so a report never holds what a swap during the read led to. Returns the file's stats as they are now.
 */
export async function assertUnchanged(path: string, file: ConfinedFile): Promise<Stats> {
  const realPath = await realpath(path).catch(() => undefined);
  const now = realPath === file.realPath ? await stat(realPath).catch(() => undefined) : undefined;
  if (!now || now.ino !== file.stats.ino || now.dev !== file.stats.dev) throw new OutsideDatasetError();
  return now;
}
