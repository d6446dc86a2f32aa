import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileProfileStore } from '../src/FileProfileStore.js';
import { makeTempDir } from '../../../test/contracts/contractKit.js';

describe('Class: FileProfileStore', () => {
  let dir: string;
  let remove: () => Promise<void>;

  beforeEach(async () => {
    ({ dir, remove } = await makeTempDir('file-profile-store'));
  });
  afterEach(() => remove());

  it('stores a document as a JSON file at the located path, readable by a new instance', async () => {
    const store = new FileProfileStore(dir);
    await store.put('jobs/j1/light.json', { name: 'census' });
    const path = store.locate('jobs/j1/light.json');
    expect(isAbsolute(path)).toBe(true);
    expect(path).toBe(join(dir, 'jobs', 'j1', 'light.json'));
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ name: 'census' });
    expect(await new FileProfileStore(dir).get('jobs/j1/light.json')).toEqual({ name: 'census' });
  });

  it.each(['../outside.json', 'jobs/../../outside.json', '/etc/passwd', 'jobs//x.json', 'jobs/./x.json', 'a\\b.json', '', 'nul\0.json'])(
    'rejects the key %j before touching any file',
    async (key) => {
      const store = new FileProfileStore(dir);
      expect(() => store.locate(key)).toThrow(/profile key/i);
      await expect(store.put(key, {})).rejects.toThrow(/profile key/i);
      await expect(store.get(key)).rejects.toThrow(/profile key/i);
    },
  );

  it('removes the folders a deletion leaves empty, but never the root', async () => {
    const store = new FileProfileStore(dir);
    await store.put('jobs/j1/light.json', {});
    await store.put('jobs/j2/light.json', {});
    await store.delete('jobs/j1/light.json');
    expect(await readdir(join(dir, 'jobs'))).toEqual(['j2']);
    await store.delete('jobs/j2/light.json');
    expect(await readdir(dir)).toEqual([]);
  });

  it('reports a stored file that is not JSON', async () => {
    const store = new FileProfileStore(dir);
    await store.put('cdd/d.json', {});
    const { writeFile } = await import('node:fs/promises');
    await writeFile(store.locate('cdd/d.json'), '{not json');
    await expect(store.get('cdd/d.json')).rejects.toThrow(/not valid JSON/);
  });
});
