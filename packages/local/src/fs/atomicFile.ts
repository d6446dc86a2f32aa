import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `data` so that readers see either the old file or the whole new one, never a torn write:
 * a uniquely named temporary file is written and fsynced, then renamed over the target (rename is
 * atomic within one file system). `tempDir`, when given, must be on the same file system; it keeps
 * half-written files out of directories that other code lists.
 */
export const writeFileAtomic = async (target: string, data: string, tempDir = dirname(target)): Promise<void> => {
  const temp = join(tempDir, `.${basename(target)}.${process.pid}.${randomUUID()}.tmp`);
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
};

export const writeJsonAtomic = (target: string, value: unknown, tempDir?: string): Promise<void> =>
  writeFileAtomic(target, JSON.stringify(value), tempDir);

export const isNotFound = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === 'ENOENT';

/** The parsed JSON in `path`, or undefined when the file does not exist. */
export const readJsonIfExists = async (path: string): Promise<unknown | undefined> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`Corrupt JSON file ${path}`, { cause: error });
  }
};

export const removeIfExists = async (path: string): Promise<void> => {
  try {
    await unlink(path);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
};

export const ensureDir = async (path: string): Promise<void> => {
  await mkdir(path, { recursive: true });
};
