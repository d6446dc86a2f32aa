import { mkdir, readFile, unlink } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';

/**
 * Readers (and the next start after a kill -9) see the old file or the whole new one, never a torn
 * write: write-file-atomic writes a temporary file beside the target, fsyncs it and renames it over.
 */
export const writeJsonAtomic = (target: string, value: unknown): Promise<void> =>
  writeFileAtomic(target, JSON.stringify(value), { mode: 0o600 });

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
    throw new Error(`Corrupt JSON file ${path}: not valid JSON`, { cause: error });
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
