import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '..');

const sourcesOf = async (dir: string): Promise<string[]> =>
  (await readdir(join(REPO, dir), { recursive: true })).filter((name) => name.endsWith('.ts')).map((name) => join(REPO, dir, name));

describe('the rooms of the architecture', () => {
  it('hold: arrows point inward (dependency-cruiser rules in .dependency-cruiser.cjs)', async () => {
    const { stdout } = await promisify(execFile)(join(REPO, 'node_modules/.bin/depcruise'), ['packages', 'functions', '--config', '.dependency-cruiser.cjs'], { cwd: REPO });
    expect(stdout).toContain('no dependency violations found');
  }, 120_000);

  it('keep configuration at the edges: the core and the profiler read no environment variable', async () => {
    const readers: string[] = [];
    for (const file of [...(await sourcesOf('packages/core/src')), ...(await sourcesOf('packages/profiler/src'))]) {
      if ((await readFile(file, 'utf8')).includes('process.env')) readers.push(file);
    }
    expect(readers).toEqual([]);
  });
});
