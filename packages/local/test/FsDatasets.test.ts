import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsDatasets } from '../src/FsDatasets.js';
import { makeTempDir } from '../../../test/contracts/contractKit.js';
import { HOSTILE_DATASET_IDS } from '../../../test/support/hostileDatasetIds.js';

describe('Class: FsDatasets', () => {
  let base: string;
  let root: string;
  let remove: () => Promise<void>;

  beforeEach(async () => {
    ({ dir: base, remove } = await makeTempDir('fs-datasets'));
    root = join(base, 'data');
    await mkdir(join(root, 'census', '2020'), { recursive: true });
    await mkdir(join(base, 'secrets'));
    await writeFile(join(root, 'census', 'readme.txt'), 'hi');
    await symlink(join(base, 'secrets'), join(root, 'escape'));
    await symlink(join(root, 'census'), join(root, 'alias'));
  });
  afterEach(() => remove());

  it('locates a folder under the root by its real path', async () => {
    expect(await new FsDatasets(root).locate('census/2020')).toEqual({ kind: 'inside', path: join(root, 'census', '2020') });
  });

  it('follows a symlink that stays inside the root', async () => {
    expect(await new FsDatasets(root).locate('alias')).toEqual({ kind: 'inside', path: join(root, 'census') });
  });

  it.each([['escape'], ['escape/..'], ['../secrets'], ['/etc'], ['census/../../secrets']])('reports %j as outside the root', async (id) => {
    expect(await new FsDatasets(root).locate(id)).toEqual({ kind: 'outside' });
  });

  it.each(HOSTILE_DATASET_IDS)('reports $attack as outside the root, before touching the file system', async ({ id }) => {
    expect(await new FsDatasets(root).locate(id)).toEqual({ kind: 'outside' });
  });

  it('reports a folder whose name holds % or a look-alike as outside, even when it exists (nothing is decoded)', async () => {
    await mkdir(join(root, '%2e%2e'));
    await mkdir(join(root, '\uff0e\uff0eweather'));
    expect(await new FsDatasets(root).locate('%2e%2e')).toEqual({ kind: 'outside' });
    expect(await new FsDatasets(root).locate('\uff0e\uff0eweather')).toEqual({ kind: 'outside' });
  });

  it('reports a chain of links longer than the kernel follows (ELOOP) as missing', async () => {
    let target = join(root, 'census');
    for (let i = 0; i < 41; i++) {
      await symlink(target, join(root, `link${i}`));
      target = join(root, `link${i}`);
    }
    expect(await new FsDatasets(root).locate('link40')).toEqual({ kind: 'missing' });
    expect(await new FsDatasets(root).locate('link30')).toEqual({ kind: 'inside', path: join(root, 'census') });
  });

  it.each([['nowhere'], ['census/readme.txt'], ['census/readme.txt/deeper']])('reports %j as missing', async (id) => {
    expect(await new FsDatasets(root).locate(id)).toEqual({ kind: 'missing' });
  });

  it('works when the root itself is reached through a symlink', async () => {
    await symlink(root, join(base, 'data-link'));
    expect(await new FsDatasets(join(base, 'data-link')).locate('census')).toEqual({ kind: 'inside', path: join(root, 'census') });
  });

  it('reports every dataset missing when the root does not exist', async () => {
    expect(await new FsDatasets(join(base, 'absent')).locate('census')).toEqual({ kind: 'missing' });
  });
});
