import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { datasetIdForFolder } from '../src/ids.js';
import { FIXTURES, makeTempDataset, type TempDataset } from './helpers/tempDataset.js';

const BIN = fileURLToPath(new URL('../bin/dataset-profiler.js', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function runCli(...args: string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('CLI: dataset-profiler profile', () => {
  let dataset: TempDataset | undefined;
  afterEach(async () => dataset?.cleanup());

  it('prints the light profile with a dataset id derived from the real path', async () => {
    const folder = `${FIXTURES}/dummy_data/data`;
    const run = await runCli('profile', folder, '--light');
    expect(run.code).toBe(0);
    const profile = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(profile).toMatchObject({ '@type': 'sc:Dataset', '@id': datasetIdForFolder(folder), name: 'data' });
    expect(profile).not.toHaveProperty('recordSet');
    expect(profile.distribution).toHaveLength(5);
  }, 30_000);

  it('writes the heavy profile to --out with the given id and name', async () => {
    dataset = await makeTempDataset({ 'table.csv': 'a;b\n1;x\n2;y\n', 'notes.md': '# Notes\n\nShort.' });
    const out = `${dataset.base}/profile.json`;
    const id = '6c7a1f1e-3b52-4d8e-9f0a-2b1c3d4e5f60';
    const run = await runCli('profile', dataset.root, '--out', out, '--id', id, '--name', 'Demo');
    expect(run).toMatchObject({ code: 0, stdout: '' });
    const profile = JSON.parse(await readFile(out, 'utf8')) as Record<string, unknown>;
    expect(profile).toMatchObject({ '@id': id, name: 'Demo' });
    expect((profile.recordSet as { name: string }[]).map((recordSet) => recordSet.name)).toEqual(['notes', 'table']);
  }, 30_000);

  it('fails with a clear message and a non-zero code for a missing folder', async () => {
    const run = await runCli('profile', '/no/such/folder');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('folder not found: /no/such/folder');
  }, 30_000);

  it('shows the usage for a malformed command line', async () => {
    const run = await runCli('profil', '.');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: dataset-profiler profile <folder>');
    expect((await runCli('profile', '.', '--id', 'not-a-uuid')).code).toBe(2);
  }, 30_000);
});
