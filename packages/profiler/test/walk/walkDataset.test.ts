import { afterEach, describe, expect, it } from 'vitest';
import { walkDataset } from '../../src/walk/walkDataset.js';
import { makeTempDataset, type TempDataset } from '../helpers/tempDataset.js';

describe('Function: walkDataset', () => {
  let dataset: TempDataset | undefined;
  afterEach(async () => dataset?.cleanup());

  it('lists files at any depth, top-level files first, then folder by folder in code-point order', async () => {
    dataset = await makeTempDataset({
      'z.csv': 'a\n1\n',
      'B.txt': 'x',
      'a-c/f.txt': 'x',
      'a/b/deep.txt': 'x',
      'a/top.txt': 'x',
    });
    const files = await walkDataset(dataset.root);
    expect(files.map((file) => file.relativePath)).toEqual(['B.txt', 'z.csv', 'a/top.txt', 'a/b/deep.txt', 'a-c/f.txt']);
    expect(files[3]).toMatchObject({ folder: 'a/b', name: 'deep.txt', size: 1 });
  });

  it('skips hidden files and hidden folders', async () => {
    dataset = await makeTempDataset({ '.env': 'secret', '.git/config': 'x', 'sub/.hidden.csv': 'x', 'sub/seen.csv': 'x' });
    const files = await walkDataset(dataset.root);
    expect(files.map((file) => file.relativePath)).toEqual(['sub/seen.csv']);
  });

  it('skips symlinks that lead outside the root and dangling ones', async () => {
    dataset = await makeTempDataset({ 'in.txt': 'x', 'escape.txt': { symlinkTo: '/etc/hostname' }, 'up': { symlinkTo: '..' }, 'gone.txt': { symlinkTo: 'missing.txt' } });
    const files = await walkDataset(dataset.root);
    expect(files.map((file) => file.relativePath)).toEqual(['in.txt']);
  });

  it('follows symlinks inside the root once, without looping', async () => {
    dataset = await makeTempDataset({ 'real/a.txt': 'abc', 'alias.txt': { symlinkTo: 'real/a.txt' }, 'real/loop': { symlinkTo: '..' }, 'view': { symlinkTo: 'real' } });
    const files = await walkDataset(dataset.root);
    expect(files.map((file) => file.relativePath)).toEqual(['alias.txt', 'real/a.txt', 'view/a.txt']);
    expect(files[0]?.size).toBe(3);
  });
});
