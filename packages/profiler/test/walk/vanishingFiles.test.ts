/** Files removed while the walk runs: the walker reads a folder, then stats each entry. */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildLightProfile } from '../../src/light/buildLightProfile.js';
import { walkDataset } from '../../src/walk/walkDataset.js';
import { makeTempDataset, testMetadata, type TempDataset } from '../helpers/tempDataset.js';

/** Paths to delete right after the next readdir returns, i.e. between readdir and stat. */
const removeAfterReaddir: string[] = [];
/** Paths to delete right after realpath resolves them, i.e. between a link's resolution and its stat. */
const removeAfterRealpath: string[] = [];

async function removeAll(paths: string[]): Promise<void> {
  for (const path of paths.splice(0)) await rm(path, { force: true });
}

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...actual,
    readdir: async (...args: Parameters<typeof actual.readdir>) => {
      const entries = await actual.readdir(...args);
      await removeAll(removeAfterReaddir);
      return entries;
    },
    realpath: async (...args: Parameters<typeof actual.realpath>) => {
      const real = await actual.realpath(...args);
      if (removeAfterRealpath.includes(String(real))) await removeAll(removeAfterRealpath);
      return real;
    },
  };
});

describe('Function: walkDataset, files vanishing mid-walk', () => {
  let dataset: TempDataset | undefined;
  afterEach(async () => dataset?.cleanup());

  it('skips a file removed between readdir and stat', async () => {
    dataset = await makeTempDataset({ 'gone.csv': 'a\n1\n', 'kept.csv': 'a\n2\n' });
    removeAfterReaddir.push(join(dataset.root, 'gone.csv'));
    const files = await walkDataset(dataset.root);
    expect(files.map((file) => file.relativePath)).toEqual(['kept.csv']);
  });

  it('skips a symlink whose target is removed between its resolution and stat', async () => {
    dataset = await makeTempDataset({ 'target.csv': 'a\n1\n', 'link.csv': { symlinkTo: 'target.csv' } });
    removeAfterRealpath.push(join(dataset.root, 'target.csv'));
    const files = await walkDataset(dataset.root);
    expect(files.map((file) => file.relativePath)).toEqual([]);
  });

  it('lets the light profile go on without the vanished file', async () => {
    dataset = await makeTempDataset({ 'gone.csv': 'a\n1\n', 'kept.csv': 'a\n2\n' });
    removeAfterReaddir.push(join(dataset.root, 'gone.csv'));
    const { profile } = await buildLightProfile({ root: dataset.root, metadata: testMetadata() });
    const distribution = profile.distribution as Record<string, unknown>[];
    expect(distribution.map((entry) => entry.name)).toEqual(['kept.csv']);
  });
});
