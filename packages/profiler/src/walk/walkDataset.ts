import { isUtf8 } from 'node:buffer';
import type { Dirent, Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isInside } from './confinedFile.js';

/** One file of the dataset, as found by the walker. */
export interface ListedFile {
  /** Path relative to the dataset root, with `/` separators. */
  relativePath: string;
  /** Folder part of `relativePath` (`""` for files at the top). */
  folder: string;
  /** File name with its extension. */
  name: string;
  /** Its real path when listed (inside the root); read it through openConfined, which checks again. */
  absolutePath: string;
  size: number;
  /** Why the entry cannot be read by its path: a name that is not valid UTF-8 has no faithful string path. */
  unreadable?: string;
}

/** What an entry is; its name is passed decoded beside it. */
type EntryType = Pick<Dirent, 'isFile' | 'isDirectory' | 'isSymbolicLink'>;

interface WalkContext {
  realRoot: string;
  /** Real paths of the folders on the current descent: re-entering one would loop. */
  ancestors: Set<string>;
  /** Real paths of folders already entered through a symlink: each is followed once. */
  followedLinks: Set<string>;
  files: ListedFile[];
}

/**
 * Lists every regular file under `realRoot` at any depth. Hidden entries (dot-names) are skipped, and
 * so is every entry whose real path lies outside the root (a symlink out, or a folder swapped for
 * one mid-walk) or that is no file or folder (FIFOs, sockets, devices): they are not the dataset's.
 * Symlinks inside the root are followed, a linked folder at most once and never into one of its own
 * ancestors. The result is sorted: top-level files first, then folder by folder (folders compared
 * segment by segment), names by code point — so it never depends on the file system's order.
 */
export async function walkDataset(realRoot: string): Promise<ListedFile[]> {
  const context: WalkContext = { realRoot, ancestors: new Set([realRoot]), followedLinks: new Set(), files: [] };
  await walkFolder(context, realRoot, '');
  return context.files.sort(compareListedFiles);
}

async function walkFolder(context: WalkContext, absoluteFolder: string, relativeFolder: string): Promise<void> {
  const entries = await readdir(absoluteFolder, { withFileTypes: true, encoding: 'buffer' });
  const named = entries.map((entry) => ({ entry, name: entry.name.toString('utf8') })).sort((a, b) => compareText(a.name, b.name));
  for (const { entry, name } of named) {
    if (name.startsWith('.')) continue;
    if (isUtf8(entry.name)) await visitEntry(context, entry, name, join(absoluteFolder, name), relativeFolder);
    else listUnreadable(context, name, relativeFolder, absoluteFolder);
  }
}

/** Listed (its name decoded with U+FFFD) with the reason, never read: the lossy path would name another file or none. */
function listUnreadable(context: WalkContext, name: string, relativeFolder: string, absoluteFolder: string): void {
  const relativePath = relativeFolder ? `${relativeFolder}/${name}` : name;
  const unreadable = 'the name is not valid UTF-8, so the entry is listed but not read';
  context.files.push({ relativePath, folder: relativeFolder, name, absolutePath: join(absoluteFolder, name), size: 0, unreadable });
}

async function visitEntry(context: WalkContext, entry: EntryType, name: string, absolutePath: string, relativeFolder: string): Promise<void> {
  if (!entry.isFile() && !entry.isDirectory() && !entry.isSymbolicLink()) return;
  // Every entry is resolved, not only links: a folder on the way may have been swapped for a
  // symlink since it was read, and what it now leads to is not the dataset's.
  const target = await resolveInside(context.realRoot, absolutePath);
  if (!target) return;
  const stats = await statIfPresent(target);
  if (!stats) return;
  const relativePath = relativeFolder ? `${relativeFolder}/${name}` : name;
  if (stats.isFile()) {
    context.files.push({ relativePath, folder: relativeFolder, name, absolutePath: target, size: stats.size });
  } else if (stats.isDirectory()) {
    if (entry.isSymbolicLink()) {
      if (context.followedLinks.has(target)) return;
      context.followedLinks.add(target);
    }
    await descend(context, target, relativePath);
  }
}

async function descend(context: WalkContext, realFolder: string, relativePath: string): Promise<void> {
  if (context.ancestors.has(realFolder)) return;
  context.ancestors.add(realFolder);
  try {
    await walkFolder(context, realFolder, relativePath);
  } finally {
    context.ancestors.delete(realFolder);
  }
}

/**
 * The entry's stats, or `undefined` when it was removed since the folder was read: the dataset may
 * change under the walk, and a vanished file must not fail the light step.
 */
async function statIfPresent(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The entry's real path when it exists and lies inside the root; `undefined` otherwise. */
async function resolveInside(realRoot: string, path: string): Promise<string | undefined> {
  try {
    const target = await realpath(path);
    return isInside(realRoot, target) ? target : undefined;
  } catch {
    return undefined; // a dangling link, or an entry removed since the folder was read
  }
}

function compareListedFiles(a: ListedFile, b: ListedFile): number {
  return compareFolders(a.folder, b.folder) || compareText(a.name, b.name);
}

/** `""` (the top) first, then folder paths segment by segment, so `a`, `a/b`, `a-c` keep tree order. */
export function compareFolders(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return -1;
  if (b === '') return 1;
  const left = a.split('/');
  const right = b.split('/');
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const order = compareText(left[i] as string, right[i] as string);
    if (order !== 0) return order;
  }
  return left.length - right.length;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
