import { access, rmdir } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { ProfileStore } from '@dataset-profiler/core';
import { ensureDir, isNotFound, readJsonIfExists, removeIfExists, writeJsonAtomic } from './fs/atomicFile.js';

/**
 * Profile documents as JSON files under one root directory, `<root>/<key>`, written atomically so a
 * reader never sees half a profile. Keys are relative paths confined to the root: absolute keys,
 * `..` segments, backslashes and NUL are rejected with an error before any file is touched.
 */
export class FileProfileStore implements ProfileStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async put(key: string, document: unknown): Promise<void> {
    const file = this.locate(key);
    await ensureDir(dirname(file));
    await writeJsonAtomic(file, document);
  }

  async get(key: string): Promise<unknown | undefined> {
    return readJsonIfExists(this.locate(key));
  }

  async exists(key: string): Promise<boolean> {
    try {
      await access(this.locate(key));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.locate(key);
    await removeIfExists(file);
    await this.removeEmptyParents(dirname(file));
  }

  /** The absolute file path of `key`; throws when the key would leave the root. */
  locate(key: string): string {
    assertConfinedKey(key);
    const file = resolve(this.root, key);
    const rel = relative(this.root, file);
    if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) {
      throw new Error(`Profile key ${JSON.stringify(key)} is outside the profile store`);
    }
    return join(this.root, rel);
  }

  /** Keeps `jobs/<id>/` from piling up empty after clean-up; stops at the root or a non-empty folder. */
  private async removeEmptyParents(folder: string): Promise<void> {
    let current = folder;
    while (current !== this.root && current.startsWith(`${this.root}${sep}`)) {
      try {
        await rmdir(current);
      } catch {
        return;
      }
      current = dirname(current);
    }
  }
}

const assertConfinedKey = (key: string): void => {
  const segments = key.split('/');
  const invalid =
    key.length === 0 ||
    key.startsWith('/') ||
    key.includes('\\') ||
    key.includes('\0') ||
    segments.some((segment) => segment === '..' || segment === '.' || segment === '');
  if (invalid) throw new Error(`Invalid profile key ${JSON.stringify(key)}: expected a relative path such as jobs/<id>/light.json`);
};
