import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, symlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, makeDirs, postJson, specFor, startStack, waitForFinal, type RunningStack } from '../support/localStack.js';
import { HOSTILE_DATASET_IDS } from '../support/hostileDatasetIds.js';

const SECRET = 'SECRET-OUTSIDE-THE-DATA-ROOT';
const SECRET_CSV = `station,reading\n${SECRET},424242\n`;
const INSIDE_CSV = 'station,reading\nA,1\nB,2\n';
const HOOK = resolve(import.meta.dirname, 'support/pauseBeforeFirstOpen.mjs');
const DATASET_ID_LOC = ['body', 'profile_specification', 'data_connectors', 0, 'dataset_id'];

/**
 * Issue 10, "Trust nothing that comes in": a RawDataPath never reaches outside DATA_ROOT, over HTTP on
 * the local stack. Lexical attacks and symlinks out are a 422 at trigger_profile; symlinks out inside
 * a dataset are left out of the listing; a folder swapped for a symlink after trigger_profile's check
 * fails the job (before it locates its folder) or leaves the file unread with a reason (after).
 */
describe('the local stack keeps RawDataPath inside DATA_ROOT', () => {
  let stack: RunningStack;
  let dirs: Awaited<ReturnType<typeof makeDirs>>;
  let outside: string;
  let control: string;

  beforeAll(async () => {
    dirs = await makeDirs([]);
    outside = join(dirs.base, 'outside');
    control = join(dirs.base, 'control');
    await mkdir(join(outside, 'nested'), { recursive: true });
    await writeFile(join(outside, 'readings.csv'), SECRET_CSV);
    await writeFile(join(outside, 'a.csv'), SECRET_CSV);
    await writeFile(join(outside, 'nested', 'more.csv'), SECRET_CSV);
    await mkdir(join(dirs.dataRoot, 'census', 'inner'), { recursive: true });
    await writeFile(join(dirs.dataRoot, 'census', 'a.csv'), INSIDE_CSV);
    // Links that name an outside folder as a dataset.
    await symlink(outside, join(dirs.dataRoot, 'escape'));
    await symlink('../../outside', join(dirs.dataRoot, 'census', 'relative-escape'));
    await symlink(dirs.base, join(dirs.dataRoot, 'parent'));
    await symlink(join(dirs.dataRoot, 'escape'), join(dirs.dataRoot, 'chain'));
    // A dataset that holds links out (file and folder), links in, and a FIFO.
    const mixed = join(dirs.dataRoot, 'mixed');
    await mkdir(join(mixed, 'folder'), { recursive: true });
    await writeFile(join(mixed, 'own.csv'), INSIDE_CSV);
    await writeFile(join(mixed, 'folder', 'deep.csv'), INSIDE_CSV);
    await symlink(join(outside, 'readings.csv'), join(mixed, 'file-link-out.csv'));
    await symlink(outside, join(mixed, 'folder-link-out'));
    await symlink('/etc/passwd', join(mixed, 'passwd.txt'));
    await symlink('own.csv', join(mixed, 'file-link-in.csv'));
    await symlink('folder', join(mixed, 'folder-link-in'));
    execFileSync('mkfifo', [join(mixed, 'pipe.csv')]);
    stack = await startStack({
      DATA_ROOT: dirs.dataRoot,
      DATA_DIR: dirs.dataDir,
      NODE_OPTIONS: `--import ${pathToFileURL(HOOK).href}`,
      PAUSE_CONTROL_DIR: control,
      PAUSE_UNDER: dirs.dataRoot,
    });
  });
  afterAll(async () => {
    await stack?.kill('SIGTERM');
    await dirs?.cleanup();
  });

  /** Triggers a job; `atPause` runs while the job waits before its first realpath, then before its first open. */
  const runJob = async (datasetId: string, atPause: { realpath?: () => Promise<void>; open?: () => Promise<void> } = {}) => {
    const trigger = await postJson(`${stack.url}/profiler/trigger_profile`, specFor(datasetId));
    expect(trigger.status).toBe(200);
    const jobId = trigger.body.job_id as string;
    const jobControl = join(control, jobId);
    for (const fn of ['realpath', 'open'] as const) {
      const deadline = Date.now() + 60_000;
      while (!existsSync(join(jobControl, `paused-${fn}`)) && !(fn === 'open' && (await isFinal(jobId)))) {
        if (Date.now() > deadline) throw new Error(`job ${jobId} never reached its first ${fn}`);
        await new Promise((done) => setTimeout(done, 20));
      }
      await atPause[fn]?.();
      await writeFile(join(jobControl, `resume-${fn}`), '');
    }
    const final = await waitForFinal(stack.url, jobId);
    const opened = (await readFile(join(jobControl, 'opened.log'), 'utf8').catch(() => '')).split('\n').filter(Boolean);
    const profile = final.status === 'FAILED' ? undefined : (await getJson(`${stack.url}/profiler/profile/${jobId}`)).body;
    return { final, opened, profile };
  };
  const isFinal = async (jobId: string) => ['FAILED', 'HEAVY_PROFILES_READY'].includes((await getJson(`${stack.url}/profiler/job_status/${jobId}`)).body.status);
  const secretHash = createHash('sha256').update(SECRET_CSV).digest('hex');
  const expectNothingFromOutside = (answer: { opened: string[]; profile: unknown }) => {
    const text = JSON.stringify(answer.profile ?? {});
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('424242');
    expect(text).not.toContain(secretHash);
    expect(text).not.toContain('root:x:0:0');
    expect(answer.opened.filter((path) => path.startsWith(outside) || path.startsWith('/etc'))).toEqual([]);
  };
  const distributionNames = (profile: any): string[] => profile.moma_profile_light.distribution.map((entry: any) => entry.contentUrl ?? entry.name);

  it.each(HOSTILE_DATASET_IDS)('answers 422 at trigger_profile to $attack', async ({ id, refusal }) => {
    const { status, body } = await postJson(`${stack.url}/profiler/trigger_profile`, specFor(id));
    expect(status).toBe(422);
    expect(body.detail).toHaveLength(1);
    expect(body.detail[0]).toMatchObject({ loc: DATASET_ID_LOC, type: 'value_error' });
    expect(body.detail[0].msg).toMatch(refusal);
  });

  it.each([
    ['a folder symlink out of the root', 'escape'],
    ['a path through a folder symlink out', 'escape/nested'],
    ['a relative symlink out inside a dataset folder', 'census/relative-escape'],
    ['a symlink to the data root\'s parent', 'parent'],
    ['a chain of symlinks that ends outside', 'chain'],
  ])('answers 422 at trigger_profile to %s', async (_attack, datasetId) => {
    const { status, body } = await postJson(`${stack.url}/profiler/trigger_profile`, specFor(datasetId));
    expect(status).toBe(422);
    expect(body.detail[0]).toEqual({ loc: DATASET_ID_LOC, msg: 'Value error, dataset_id resolves outside the data root', type: 'value_error', input: datasetId });
  });

  it('profiles a dataset holding links out and a FIFO: only its own files are listed, nothing outside is opened', async () => {
    const answer = await runJob('mixed');
    expect(answer.final.status).toBe('HEAVY_PROFILES_READY');
    expect(distributionNames(answer.profile).sort()).toEqual(
      ['file-link-in.csv', 'folder', 'folder-link-in', 'folder-link-in/deep.csv', 'folder/deep.csv', 'own.csv'].sort(),
    );
    expectNothingFromOutside(answer);
  });

  it('fails the job at locate when the dataset folder is swapped for a symlink out after trigger_profile accepted it', async () => {
    await mkdir(join(dirs.dataRoot, 'swapped-root'));
    await writeFile(join(dirs.dataRoot, 'swapped-root', 'a.csv'), INSIDE_CSV);
    const answer = await runJob('swapped-root', {
      realpath: async () => {
        await rename(join(dirs.dataRoot, 'swapped-root'), join(dirs.base, 'swapped-root-was'));
        await symlink(outside, join(dirs.dataRoot, 'swapped-root'));
      },
    });
    expect(answer.final).toMatchObject({ status: 'FAILED', message: "Dataset folder 'swapped-root' resolves outside the data root", additional_details: { step: 'locate' } });
    expect(answer.opened).toEqual([]);
    expectNothingFromOutside(answer);
  });

  it('leaves a file unread, with a reason, when its folder is swapped for a symlink out after the job located the dataset', async () => {
    await mkdir(join(dirs.dataRoot, 'swapped-sub', 'sub'), { recursive: true });
    await writeFile(join(dirs.dataRoot, 'swapped-sub', 'a.csv'), INSIDE_CSV);
    await writeFile(join(dirs.dataRoot, 'swapped-sub', 'sub', 'readings.csv'), INSIDE_CSV);
    const answer = await runJob('swapped-sub', {
      open: async () => {
        await rename(join(dirs.dataRoot, 'swapped-sub', 'sub'), join(dirs.base, 'sub-was'));
        await symlink(outside, join(dirs.dataRoot, 'swapped-sub', 'sub'));
      },
    });
    expect(answer.final.status).toBe('HEAVY_PROFILES_READY');
    const entries = answer.profile.moma_profile_light.distribution;
    expect(entries.find((entry: any) => entry.name === 'readings.csv')).toMatchObject({ error: expect.stringMatching(/^not read: the file now resolves outside the dataset folder/) });
    expect(entries.find((entry: any) => entry.name === 'a.csv')).toMatchObject({ sha256: createHash('sha256').update(INSIDE_CSV).digest('hex') });
    expect(JSON.stringify(answer.profile.moma_profile_heavy)).toContain('not read: the file now resolves outside the dataset folder');
    expect(answer.opened.some((path) => path.endsWith(join('swapped-sub', 'a.csv')))).toBe(true);
    // Files are read in parallel: readings.csv may have passed its check before the job paused, so its
    // open races the swap; the descriptor check after the open refuses it unread (no hash above).
    expect(answer.opened.filter((path) => path.includes(join('swapped-sub', 'sub'))).length).toBeLessThanOrEqual(1);
    expectNothingFromOutside(answer);
  });

  it('reads nothing of the new target when the dataset folder itself is swapped while the job opens its first file', async () => {
    await mkdir(join(dirs.dataRoot, 'swapped-late'));
    await writeFile(join(dirs.dataRoot, 'swapped-late', 'a.csv'), INSIDE_CSV);
    const answer = await runJob('swapped-late', {
      open: async () => {
        await rename(join(dirs.dataRoot, 'swapped-late'), join(dirs.base, 'swapped-late-was'));
        await symlink(outside, join(dirs.dataRoot, 'swapped-late'));
      },
    });
    expect(answer.final.status).toBe('HEAVY_PROFILES_READY');
    const entries = answer.profile.moma_profile_light.distribution;
    expect(entries.map((entry: any) => entry.name)).toEqual(['a.csv']);
    expect(entries[0]).toMatchObject({ error: expect.stringMatching(/^not read:/) });
    expectNothingFromOutside({ ...answer, opened: [] });
  });
});
