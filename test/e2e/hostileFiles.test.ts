/**
 * Issue 10: a hostile file fails alone, with a reason naming the limit it would exceed, while the
 * job completes and the dataset's other files are profiled. Each dataset is one real profile job
 * (dist/profile-job.js, started by the local stack's runner); a preload records its exit code,
 * wall time and peak RSS, printed as a table (docs/security.md, "Hostile files").
 */
import { appendFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import {
  billionLaughsWorkbook,
  gzipBombCsv,
  recursivePdf,
  writeLongLineCsv,
  writeTinyFiles,
  zipBombWorkbook,
} from '../../packages/profiler/test/helpers/hostileFiles.js';
import { getJson, makeDirs, postJson, specFor, waitForFinal, type RunningStack } from '../support/localStack.js';
import { useLocalStack, type StackDirs } from '../support/useLocalStack.js';

const PRELOAD = resolve(import.meta.dirname, '../support/reportJobUsage.mjs');
const DECOMPRESSED_LIMIT = 512 * 1024 * 1024;
/** A job takes minutes on a loaded two-core machine, though seconds on an idle one. */
const JOB_TEST_TIMEOUT_MS = 240_000;
const GOOD_CSV = 'city,population\nAthens,664046\nPatras,213984\n';

type RecordSet = { name: string; error?: string; limitExceeded?: string; limitValue?: number; field?: unknown[] };
interface JobOutcome { recordSets: RecordSet[]; distribution: { name: string; error?: string }[]; usage: { code: number; wallMs: number; maxRssKb: number } }

const measured: { dataset: string; wallMs: number; maxRssMb: number; outcome: string }[] = [];

/** Where the preload appends each job's exit code, wall time and peak RSS. */
const usageFileOf = (dirs: StackDirs) => join(dirs.base, 'job-usage.jsonl');

/** Empty folders and an empty usage file; the stack's jobs load the preload that writes to it. */
const foldersWithUsageFile = async (): Promise<StackDirs> => {
  const dirs = await makeDirs([]);
  await writeFile(usageFileOf(dirs), '');
  return dirs;
};
const recordingUsage = (dirs: StackDirs) => ({ NODE_OPTIONS: `--import ${PRELOAD}`, JOB_USAGE_FILE: usageFileOf(dirs) });

async function runJob({ stack, dirs }: { stack: RunningStack; dirs: StackDirs }, dataset: string, timeoutMs = 120_000): Promise<JobOutcome> {
  const trigger = await postJson(`${stack.url}/profiler/trigger_profile`, specFor(dataset));
  expect(trigger.status).toBe(200);
  const jobId = trigger.body.job_id as string;
  expect(await waitForFinal(stack.url, jobId, timeoutMs)).toMatchObject({ status: 'HEAVY_PROFILES_READY' });
  const profile = (await getJson(`${stack.url}/profiler/profile/${jobId}`)).body.moma_profile_heavy;
  const lines = (await readFile(usageFileOf(dirs), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
  const usage = lines.find((line) => line.jobId === jobId);
  expect(usage, 'the job process exited by itself (not killed)').toMatchObject({ code: 0 });
  return { recordSets: profile.recordSet, distribution: profile.distribution, usage };
}

function record(dataset: string, outcome: JobOutcome, said: string): void {
  const row = { dataset, wallMs: outcome.usage.wallMs, maxRssMb: Math.round(outcome.usage.maxRssKb / 1024), outcome: said };
  measured.push(row);
  console.log(`hostile file | ${row.dataset} | ${(row.wallMs / 1000).toFixed(1)} s | ${row.maxRssMb} MB | ${row.outcome}`);
}

function failure(outcome: JobOutcome, name: string): RecordSet {
  const set = outcome.recordSets.find((entry) => entry.name === name);
  expect(set, `record set ${name}`).toBeDefined();
  expect(set!.error, `${name} failed with a reason`).toBeTypeOf('string');
  return set!;
}

function expectGoodProfiled(outcome: JobOutcome, name = 'good'): void {
  const good = outcome.recordSets.find((entry) => entry.name === name);
  expect(good, `${name} profiled`).toMatchObject({ field: [{ name: 'city' }, { name: 'population' }] });
  expect(good!.error).toBeUndefined();
}

const said = (set: RecordSet) => `${set.error}${set.limitExceeded ? ` [${set.limitExceeded} = ${set.limitValue}]` : ''}`;

afterAll(() => {
  console.log(['| hostile file | wall time | peak RSS of the job | what the profile says |', '|---|---|---|---|',
    ...measured.map((row) => `| ${row.dataset} | ${(row.wallMs / 1000).toFixed(1)} s | ${row.maxRssMb} MB | ${row.outcome.replaceAll('|', '\\|')} |`)].join('\n'));
});

describe('hostile files fail alone, within the per-file limits', () => {
  const local = useLocalStack(foldersWithUsageFile, (dirs) => ({
    ...recordingUsage(dirs),
    LOCAL_RUNNER_CONCURRENCY: '1',
    // Small enough for a generated text to exceed, and bombs inflating past 512 MiB instead of
    // the default 2 GiB keep the suite short; the other limits keep their defaults.
    PROFILE_READER_HEAP_MB: '128',
    PROFILE_MAX_DECOMPRESSED_MB: '512',
  }));

  const dataset = async (name: string, files: Record<string, string | Buffer>): Promise<string> => {
    const root = join(local.dirs.dataRoot, name);
    await mkdir(root, { recursive: true });
    for (const [file, content] of Object.entries({ 'good.csv': GOOD_CSV, ...files })) await writeFile(join(root, file), content);
    return root;
  };

  it('a dataset of one good file (the cost of any job)', async () => {
    await dataset('baseline', {});
    const outcome = await runJob(local, 'baseline');
    expectGoodProfiled(outcome);
    record('none (baseline: one good CSV)', outcome, 'profiled');
  }, JOB_TEST_TIMEOUT_MS);

  it('a zip bomb inside an .xlsx: 4 GiB of sheet XML, declared honestly and lied about', async () => {
    await dataset('zip-bomb', { 'declared.xlsx': zipBombWorkbook(4000, false), 'lying.xlsx': zipBombWorkbook(4000, true) });
    const outcome = await runJob(local, 'zip-bomb');
    for (const name of ['declared', 'lying']) {
      const set = failure(outcome, name);
      expect(set).toMatchObject({ limitExceeded: 'decompressedBytes', limitValue: DECOMPRESSED_LIMIT });
      expect(set.error).toContain(`decompresses to more than the limit of ${DECOMPRESSED_LIMIT} bytes`);
    }
    expectGoodProfiled(outcome);
    record('zip bomb in .xlsx (4 GiB sheet, declared / lying)', outcome, `${said(failure(outcome, 'declared'))}; ${said(failure(outcome, 'lying'))}`);
  }, JOB_TEST_TIMEOUT_MS);

  it('a billion-laughs XML part in an .xlsx', async () => {
    await dataset('billion-laughs', { 'laughs.xlsx': billionLaughsWorkbook() });
    const outcome = await runJob(local, 'billion-laughs');
    expect(failure(outcome, 'laughs').error).toContain('declares a DTD');
    expectGoodProfiled(outcome);
    record('billion laughs in an .xlsx part', outcome, said(failure(outcome, 'laughs')));
  }, JOB_TEST_TIMEOUT_MS);

  it('a gzip bomb named .csv.gz: 4 GiB of rows', async () => {
    await dataset('gzip-bomb', { 'rows.csv.gz': gzipBombCsv(4000) });
    const outcome = await runJob(local, 'gzip-bomb');
    expect(failure(outcome, 'rows.csv')).toMatchObject({ limitExceeded: 'decompressedBytes', limitValue: DECOMPRESSED_LIMIT });
    expectGoodProfiled(outcome);
    record('gzip bomb .csv.gz (4 GiB)', outcome, said(failure(outcome, 'rows.csv')));
  }, JOB_TEST_TIMEOUT_MS);

  it('a CSV with a single 300 MB line', async () => {
    const root = await dataset('long-line', {});
    await writeLongLineCsv(join(root, 'long.csv'), 300);
    const outcome = await runJob(local, 'long-line');
    expect(failure(outcome, 'long')).toMatchObject({ limitExceeded: 'lineBytes', limitValue: 16 * 1024 * 1024 });
    expectGoodProfiled(outcome);
    record('CSV with one 300 MB line', outcome, said(failure(outcome, 'long')));
  }, JOB_TEST_TIMEOUT_MS);

  it('a JSON file nested 100,000 levels deep', async () => {
    await dataset('deep-json', { 'deep.json': '['.repeat(100_000) + ']'.repeat(100_000) });
    const outcome = await runJob(local, 'deep-json');
    expect(failure(outcome, 'deep')).toMatchObject({ limitExceeded: 'jsonDepth', limitValue: 100 });
    expectGoodProfiled(outcome);
    record('JSON nested 100,000 levels', outcome, said(failure(outcome, 'deep')));
  }, JOB_TEST_TIMEOUT_MS);

  it('a PDF whose page tree contains itself', async () => {
    await dataset('recursive-pdf', { 'cycle.pdf': recursivePdf() });
    const outcome = await runJob(local, 'recursive-pdf');
    expect(failure(outcome, 'cycle').error).toMatch(/circular reference/);
    expectGoodProfiled(outcome);
    record('PDF with a cyclic page tree', outcome, said(failure(outcome, 'cycle')));
  }, JOB_TEST_TIMEOUT_MS);

  it('a text that needs more heap than the reader may use, while a small text still reads', async () => {
    const words = Array.from({ length: 1000 }, (_, i) => `word${i}`).join(' ');
    await dataset('reader-heap', { 'huge.txt': `${words}\n`.repeat(8_000), 'small.txt': 'A short text that reads fine.\n' });
    const outcome = await runJob(local, 'reader-heap');
    expect(failure(outcome, 'huge')).toMatchObject({ limitExceeded: 'readerHeapMb', limitValue: 128 });
    expect(outcome.recordSets.find((set) => set.name === 'small')).toMatchObject({ numWords: 6 });
    expectGoodProfiled(outcome);
    record('text needing more than a 128 MB reader heap (63 MB of words)', outcome, said(failure(outcome, 'huge')));
  }, JOB_TEST_TIMEOUT_MS);

  it('a file that changes while it is read', async () => {
    const root = await dataset('changing', { 'growing.csv': 'a,b\n' + '1,2\n'.repeat(200_000) });
    let writing = true;
    const writer = (async () => {
      while (writing) {
        await appendFile(join(root, 'growing.csv'), '3,4\n');
        await new Promise((done) => setTimeout(done, 2));
      }
    })();
    const outcome = await runJob(local, 'changing').finally(() => (writing = false));
    await writer;
    expect(failure(outcome, 'growing').error).toBe('the file changed while it was profiled');
    expectGoodProfiled(outcome);
    record('CSV appended to while profiled', outcome, said(failure(outcome, 'growing')));
  }, JOB_TEST_TIMEOUT_MS);

  it('binary garbage named .csv', async () => {
    await dataset('garbage', { 'garbage.csv': randomBytes(1024 * 1024) });
    const outcome = await runJob(local, 'garbage');
    expect(failure(outcome, 'garbage').error).toMatch(/looks binary/);
    expectGoodProfiled(outcome);
    record('1 MB of random bytes named .csv', outcome, said(failure(outcome, 'garbage')));
  }, JOB_TEST_TIMEOUT_MS);

  it('names with control characters and invalid UTF-8, a file and a folder', async () => {
    const root = await dataset('odd-names', { 'tab\tbell\u0007\nnewline.csv': GOOD_CSV });
    const invalid = Buffer.from([0x62, 0x61, 0x64, 0xff]);
    await writeFile(Buffer.concat([Buffer.from(`${root}/`), invalid, Buffer.from('.csv')]), GOOD_CSV);
    await mkdir(Buffer.concat([Buffer.from(`${root}/`), invalid, Buffer.from('-folder')]));
    const outcome = await runJob(local, 'odd-names');
    for (const name of ['bad\uFFFD', 'bad\uFFFD-folder']) expect(failure(outcome, name).error).toBe('the name is not valid UTF-8, so the entry is listed but not read');
    expect(outcome.distribution.find((entry) => entry.name === 'bad\uFFFD.csv')).toMatchObject({ error: 'the name is not valid UTF-8, so the entry is listed but not read' });
    expectGoodProfiled(outcome, 'tab\tbell\u0007\nnewline');
    expectGoodProfiled(outcome);
    record('names with control characters / invalid UTF-8', outcome, said(failure(outcome, 'bad\uFFFD')));
  }, JOB_TEST_TIMEOUT_MS);

  it('a 20-level-deep folder', async () => {
    const root = await dataset('deep-folder', {});
    const deep = join(root, ...Array.from({ length: 20 }, (_, i) => `level${i + 1}`));
    await mkdir(deep, { recursive: true });
    await writeFile(join(deep, 'bottom.csv'), GOOD_CSV);
    const outcome = await runJob(local, 'deep-folder');
    const bottom = `${Array.from({ length: 20 }, (_, i) => `level${i + 1}`).join('/')}/bottom`;
    expectGoodProfiled(outcome, bottom);
    expectGoodProfiled(outcome);
    record('a file 20 folders deep', outcome, 'profiled like any other');
  }, JOB_TEST_TIMEOUT_MS);

  it('100,000 tiny files', async () => {
    const root = await dataset('tiny-files', {});
    await writeTinyFiles(root, 100_000);
    const outcome = await runJob(local, 'tiny-files', 300_000);
    const files = outcome.distribution.filter((entry) => (entry as { '@type'?: string })['@type'] === 'cr:FileObject');
    expect(files).toHaveLength(100_001);
    expectGoodProfiled(outcome);
    await rm(root, { recursive: true, force: true });
    record('100,000 tiny files', outcome, 'all 100,001 listed with their sha256; good.csv profiled');
  }, 600_000);
});

describe('the per-file time limit', () => {
  const local = useLocalStack(async () => {
    const dirs = await foldersWithUsageFile();
    const root = join(dirs.dataRoot, 'endless');
    await mkdir(root, { recursive: true });
    await writeFile(join(root, 'good.csv'), GOOD_CSV);
    // 16 GiB inflated under a decompressed-size limit of 1 TB: only the time limit stops it.
    await writeFile(join(root, 'endless.csv.gz'), gzipBombCsv(16_000));
    return dirs;
  }, (dirs) => ({ ...recordingUsage(dirs), PROFILE_FILE_TIMEOUT_MS: '3000', PROFILE_MAX_DECOMPRESSED_MB: '1000000' }));

  it('stops a file that takes longer and profiles the rest', async () => {
    const outcome = await runJob(local, 'endless');
    const set = failure(outcome, 'endless.csv');
    expect(set).toMatchObject({ limitExceeded: 'fileTimeoutMs', limitValue: 3000, error: 'profiling the file took longer than the limit of 3000 ms' });
    expectGoodProfiled(outcome);
    record('16 GiB gzip stream under a 3 s time limit', outcome, said(set));
  }, JOB_TEST_TIMEOUT_MS);
});
