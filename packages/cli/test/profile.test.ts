import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { datasetIdForFolder } from '@dataset-profiler/profiler';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES } from '../../../test/support/localStack.js';
import { EXIT_CODE } from '../src/exitCodes.js';
import { runCli } from './helpers/runCli.js';

describe('CLI: dataset-profiler profile', () => {
  let scratch: string | undefined;
  afterEach(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('prints the light profile with a dataset id derived from the real path, and no progress when stderr is not a terminal', async () => {
    const folder = `${FIXTURES}/dummy_data/data`;
    const run = await runCli(['profile', folder, '--light']);
    expect(run).toMatchObject({ code: EXIT_CODE.OK, stderr: '' });
    const profile = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(profile).toMatchObject({ '@type': 'sc:Dataset', '@id': datasetIdForFolder(folder), name: 'data' });
    expect(profile).not.toHaveProperty('recordSet');
    expect(profile.distribution).toHaveLength(5);
  });

  it('writes the heavy profile to --out with the given id and name', async () => {
    scratch = await mkdtemp(join(tmpdir(), 'cli-profile-'));
    await writeFile(join(scratch, 'table.csv'), 'a;b\n1;x\n2;y\n');
    await writeFile(join(scratch, 'notes.md'), '# Notes\n\nShort.');
    const out = join(tmpdir(), `cli-profile-${process.pid}.json`);
    const id = '6c7a1f1e-3b52-4d8e-9f0a-2b1c3d4e5f60';
    const run = await runCli(['profile', scratch, '--out', out, '--id', id, '--name', 'Demo']);
    expect(run).toMatchObject({ code: EXIT_CODE.OK, stdout: '' });
    const profile = JSON.parse(await readFile(out, 'utf8')) as Record<string, unknown>;
    await rm(out);
    expect(profile).toMatchObject({ '@id': id, name: 'Demo' });
    expect((profile.recordSet as { name: string }[]).map((recordSet) => recordSet.name)).toEqual(['notes', 'table']);
  });

  it('fails as invalid input, with a clear message, for a missing folder', async () => {
    const run = await runCli(['profile', '/no/such/folder']);
    expect(run.code).toBe(EXIT_CODE.INVALID_INPUT);
    expect(run.stderr).toContain('folder not found: /no/such/folder');
  });

  it('shows the usage for a malformed command line', async () => {
    const unknown = await runCli(['profil', '.']);
    expect(unknown.code).toBe(EXIT_CODE.INVALID_INPUT);
    expect(unknown.stderr).toContain("unknown command 'profil'");
    const badId = await runCli(['profile', '.', '--id', 'not-a-uuid']);
    expect(badId.code).toBe(EXIT_CODE.INVALID_INPUT);
    expect(badId.stderr).toContain('must be a UUID');
  });
});
