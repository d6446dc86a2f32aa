import { fileURLToPath } from 'node:url';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { DatasetMetadata } from '../../src/api.js';

/** A dataset folder in the OS temp dir; `cleanup` removes it (and its sibling scratch space). */
export interface TempDataset {
  base: string;
  root: string;
  cleanup: () => Promise<void>;
}

export type TempEntry = string | Buffer | { symlinkTo: string };

/** Creates `<tmp>/dp-XXXX/data/` holding `entries` (relative path → content or symlink target). */
export async function makeTempDataset(entries: Record<string, TempEntry>): Promise<TempDataset> {
  const base = await mkdtemp(join(tmpdir(), 'dp-'));
  const root = join(base, 'data');
  await mkdir(root, { recursive: true });
  for (const [relativePath, content] of Object.entries(entries)) {
    const path = join(root, relativePath);
    await mkdir(dirname(path), { recursive: true });
    if (typeof content === 'object' && 'symlinkTo' in content) await symlink(content.symlinkTo, path);
    else await writeFile(path, content);
  }
  return { base, root, cleanup: () => rm(base, { recursive: true, force: true }) };
}

export const DATASET_ID = '0b9f2a4e-6c1d-4f3a-9e2b-7d8c5a1f3e60';

export function testMetadata(overrides: Partial<DatasetMetadata> = {}): DatasetMetadata {
  return {
    id: DATASET_ID,
    name: 'test dataset',
    description: 'a dataset for tests',
    headline: 'tests',
    keywords: ['test'],
    fieldOfScience: ['computer science'],
    inLanguage: ['en'],
    country: 'GR',
    datePublished: '2025-01-01',
    citeAs: '',
    license: 'CC-BY-4.0',
    url: '',
    doi: '10.1234/test',
    uploadedBy: 'tester',
    ...overrides,
  };
}

/** `../shared` beside the repository, wherever it is cloned. */
export const FIXTURES = fileURLToPath(new URL('../../../../../shared/fixtures/reference-datasets', import.meta.url));
