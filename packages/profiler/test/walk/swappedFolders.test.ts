/**
 * A folder of the dataset swapped for a symlink to elsewhere after it was listed: files are opened
 * only after a realpath check at open time, and the opened descriptor is checked again, so nothing
 * outside the dataset folder is read. The swaps run from inside fs calls, so they land exactly
 * between listing and checking, or between checking and opening.
 */
import { createHash } from 'node:crypto';
import { mkdir, rename, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildHeavyProfile } from '../../src/heavy/buildHeavyProfile.js';
import { buildLightProfile } from '../../src/light/buildLightProfile.js';
import { makeTempDataset, testMetadata, type TempDataset } from '../helpers/tempDataset.js';

const SECRET = 'station,reading\nSECRET-OUTSIDE-ROW,424242\n';
const INSIDE = 'station,reading\nA,1\nB,2\n';

/** Runs once, just before the `nth` call of the named fs function whose first argument ends with `suffix`. */
const before: { fn: 'realpath' | 'open'; suffix: string; nth: number; run: () => Promise<void> }[] = [];
const calls = new Map<string, number>();
/** Every path handed to `open`, to show what was and was not opened. */
const opened: string[] = [];

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const hooked = (fn: 'realpath' | 'open') => async (path: string) => {
    for (const hook of before.filter((candidate) => candidate.fn === fn && path.endsWith(candidate.suffix))) {
      const key = `${fn} ${hook.suffix}`;
      calls.set(key, (calls.get(key) ?? 0) + 1);
      if (calls.get(key) === hook.nth) await hook.run();
    }
  };
  return {
    ...actual,
    realpath: async (...args: Parameters<typeof actual.realpath>) => {
      await hooked('realpath')(String(args[0]));
      return actual.realpath(...args);
    },
    open: async (...args: Parameters<typeof actual.open>) => {
      await hooked('open')(String(args[0]));
      opened.push(String(args[0]));
      return actual.open(...args);
    },
  };
});

describe('a dataset folder swapped for a symlink after it was listed', () => {
  let dataset: TempDataset | undefined;
  afterEach(async () => {
    before.length = 0;
    calls.clear();
    opened.length = 0;
    await dataset?.cleanup();
  });

  const setUp = async () => {
    dataset = await makeTempDataset({ 'top.csv': INSIDE, 'sub/readings.csv': INSIDE });
    const outside = join(dataset.base, 'outside');
    await mkdir(outside);
    await writeFile(join(outside, 'readings.csv'), SECRET);
    const swap = async () => {
      await rename(join(dataset!.root, 'sub'), join(dataset!.base, 'sub-moved'));
      await symlink(outside, join(dataset!.root, 'sub'));
    };
    return { root: dataset.root, outside, swap };
  };
  const secretHash = createHash('sha256').update(SECRET).digest('hex');
  const entry = (profile: Record<string, unknown>, name: string) =>
    (profile.distribution as Record<string, unknown>[]).find((file) => file.name === name);

  it('leaves the file out of the listing when the swap lands during the walk', async () => {
    const { root, swap } = await setUp();
    // The walker resolves every entry: `sub` first, then what it lists.
    before.push({ fn: 'realpath', suffix: join('sub', 'readings.csv'), nth: 1, run: swap });
    const light = await buildLightProfile({ root, confineTo: root, metadata: testMetadata(), concurrency: 1 });
    expect((light.profile.distribution as { name: string }[]).map((file) => file.name)).not.toContain('readings.csv');
    expect(JSON.stringify(light.profile)).not.toContain(secretHash);
  });

  it('refuses the file when the swap lands between listing and the open-time check, and never opens it', async () => {
    const { root, outside, swap } = await setUp();
    // The first realpath of sub/readings.csv is the walker's, the second the open-time check.
    before.push({ fn: 'realpath', suffix: join('sub', 'readings.csv'), nth: 2, run: swap });
    const light = await buildLightProfile({ root, confineTo: root, metadata: testMetadata(), concurrency: 1 });
    expect(entry(light.profile, 'readings.csv')).toMatchObject({ error: expect.stringMatching(/^not read: the file now resolves outside the dataset folder/) });
    expect(entry(light.profile, 'top.csv')).toMatchObject({ sha256: createHash('sha256').update(INSIDE).digest('hex') });
    expect(JSON.stringify(light.profile)).not.toContain(secretHash);
    expect(opened.some((path) => path.endsWith('top.csv'))).toBe(true);
    expect(opened.filter((path) => path.startsWith(outside) || path.includes(join('sub', 'readings.csv')))).toEqual([]);
  });

  it('refuses the file when the swap lands between the check and the open, without reading a byte of it', async () => {
    const { root, swap } = await setUp();
    before.push({ fn: 'open', suffix: join('sub', 'readings.csv'), nth: 1, run: swap });
    const light = await buildLightProfile({ root, confineTo: root, metadata: testMetadata(), concurrency: 1 });
    expect(entry(light.profile, 'readings.csv')).toMatchObject({ error: expect.stringMatching(/^not read:/) });
    expect(entry(light.profile, 'readings.csv')).not.toHaveProperty('sha256');
    expect(JSON.stringify(light.profile)).not.toContain(secretHash);
  });

  it('gives the file a failed record set in the heavy profile when the swap lands after the light step', async () => {
    const { root, swap } = await setUp();
    const light = await buildLightProfile({ root, confineTo: root, metadata: testMetadata(), concurrency: 1 });
    expect(entry(light.profile, 'readings.csv')).toHaveProperty('sha256');
    await swap();
    const heavy = await buildHeavyProfile(light, { root, confineTo: root, metadata: testMetadata(), concurrency: 1 });
    const text = JSON.stringify(heavy);
    expect(text).not.toContain('SECRET-OUTSIDE-ROW');
    expect(text).not.toContain('424242');
    expect(text).toContain('not read: the file now resolves outside the dataset folder');
    expect(text).toContain('"A"');
  });

  it('refuses the whole root when it was swapped for a symlink after it was located', async () => {
    const { root, outside } = await setUp();
    const located = root;
    await rename(root, `${root}-moved`);
    await symlink(outside, root);
    await expect(buildLightProfile({ root: located, confineTo: located, metadata: testMetadata() })).rejects.toThrow(
      /now resolves outside the folder it was located in/,
    );
  });
});
