import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, makeDirs, specFor, startStack, type RunningStack } from '../../../test/support/localStack.js';
import { makeTestKeys } from '../../../test/http/support/tokens.js';
import { EXIT_CODE } from '../src/exitCodes.js';
import { runCli } from './helpers/runCli.js';
import { runInTerminal } from './helpers/runInTerminal.js';

/** A loopback port nothing listens on: one the OS just handed out and took back. */
const closedPort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

/** These tests start the CLI many times; on a loaded machine each start can take seconds. */
const SPAWNING_TEST_TIMEOUT_MS = 120_000;
const UNKNOWN_JOB = '00000000-0000-4000-8000-000000000000';
const ANSI_ESCAPE = /\u001b\[/;
const JOB_ID = /^[0-9a-f-]{36}\n$/;

describe('CLI against the local stack', () => {
  let stack: RunningStack;
  let dirs: Awaited<ReturnType<typeof makeDirs>>;
  const specs = { subway: '', lightOnly: '', missing: '', invalid: '', malformed: '', slow: '' };
  const cli = (...args: string[]) => runCli([...args, '--url', stack.url]);

  beforeAll(async () => {
    dirs = await makeDirs(['subway_data', 'dummy_data']);
    // Twelve copies of the 2.4 MB table: a heavy run long enough to be seen running.
    await mkdir(join(dirs.dataRoot, 'slow_data'));
    for (let i = 1; i <= 12; i += 1) await copyFile(join(FIXTURES, 'subway_data/data/csv_1.csv'), join(dirs.dataRoot, `slow_data/part_${i}.csv`));
    const write = async (name: string, content: unknown) => {
      const path = join(dirs.base, `${name}.json`);
      await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
      return path;
    };
    specs.subway = await write('subway', specFor('subway_data'));
    specs.lightOnly = await write('light-only', specFor('dummy_data').profile_specification);
    specs.missing = await write('missing', specFor('no_such_dataset'));
    specs.invalid = await write('invalid', specFor('subway_data', { name: undefined }));
    specs.malformed = await write('malformed', '{"profile_specification": ');
    specs.slow = await write('slow', specFor('slow_data'));
    stack = await startStack({ DATA_ROOT: dirs.dataRoot, DATA_DIR: dirs.dataDir });
  });

  afterAll(async () => {
    await stack?.kill('SIGTERM');
    await dirs?.cleanup();
  });

  it('trigger → status → wait → fetch → view → clean-up: each exits 0, wait prints plain progress lines when not on a terminal', async () => {
    const trigger = await cli('trigger', '--spec', specs.subway);
    expect(trigger).toMatchObject({ code: EXIT_CODE.OK, stderr: '' });
    expect(trigger.stdout).toMatch(JOB_ID);
    const jobId = trigger.stdout.trim();

    const status = await cli('status', jobId);
    expect(status.code).toBe(EXIT_CODE.OK);
    expect(JSON.parse(status.stdout)).toMatchObject({ job_id: jobId, only_light_profile: false, progress: expect.any(Object) });

    const wait = await cli('wait', jobId, '--interval', '0.2');
    expect(wait.code).toBe(EXIT_CODE.OK);
    expect(JSON.parse(wait.stdout)).toMatchObject({ job_id: jobId, status: 'HEAVY_PROFILES_READY' });
    const lines = wait.stderr.trimEnd().split('\n');
    expect(wait.stderr).not.toMatch(ANSI_ESCAPE);
    for (const line of lines) expect(line).toMatch(/^[\w ]+: \d+\/\d+ files, [\d.]+ k?M?B \/ [\d.]+ k?M?B( \(\d+%\))?, .+\/s, ETA .+$/);
    expect(lines.at(-1)).toMatch(/^done: 1\/1 files, 2\.39 MB \/ 2\.39 MB \(100%\)/);

    const out = join(dirs.base, 'profiles.json');
    expect(await cli('fetch', jobId, '--out', out)).toMatchObject({ code: EXIT_CODE.OK, stdout: '' });
    const profiles = JSON.parse(await readFile(out, 'utf8'));
    expect(profiles.moma_profile_heavy.recordSet.map((set: { name: string }) => set.name)).toEqual(['csv_1']);
    const printed = await cli('fetch', jobId);
    expect(JSON.parse(printed.stdout)).toEqual(profiles);

    const report = join(dirs.base, 'report.html');
    expect(await runCli(['view', out, '--out', report])).toMatchObject({ code: EXIT_CODE.OK, stdout: '' });
    const html = await readFile(report, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<h1>Subway data</h1>');
    // One renderer: the service's page for the job is the same page, byte for byte.
    const page = await fetch(`${stack.url}/profiler/profile/${jobId}/view`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toBe(html);

    const cleanUp = await cli('clean-up', jobId);
    expect(cleanUp).toMatchObject({ code: EXIT_CODE.OK, stdout: `${jobId} CLEANED_UP\n` });
    expect((await cli('fetch', jobId)).code).toBe(EXIT_CODE.NOT_FOUND);
    const afterCleanUp = await cli('wait', jobId);
    expect(afterCleanUp.code).toBe(EXIT_CODE.NOT_FOUND);
    expect(afterCleanUp.stderr).toContain('was cleaned up');
  }, SPAWNING_TEST_TIMEOUT_MS);

  it('trigger --light with a bare specification: wait ends at LIGHT_PROFILE_READY; the URL can come from DATASET_PROFILER_URL', async () => {
    const env = { DATASET_PROFILER_URL: stack.url };
    const trigger = await runCli(['trigger', '--spec', specs.lightOnly, '--light'], env);
    expect(trigger.code).toBe(EXIT_CODE.OK);
    const jobId = trigger.stdout.trim();
    const wait = await runCli(['wait', jobId, '--interval', '0.2'], env);
    expect(wait.code).toBe(EXIT_CODE.OK);
    expect(JSON.parse(wait.stdout)).toMatchObject({ status: 'LIGHT_PROFILE_READY', only_light_profile: true });
    const profiles = JSON.parse((await runCli(['fetch', jobId], env)).stdout);
    expect(profiles.moma_profile_heavy).toEqual({});
    expect(profiles.moma_profile_light.distribution).toHaveLength(5);
  }, SPAWNING_TEST_TIMEOUT_MS);

  it('a job that fails: wait and status exit 3 with its message', async () => {
    const jobId = (await cli('trigger', '--spec', specs.missing)).stdout.trim();
    const wait = await cli('wait', jobId, '--interval', '0.2');
    expect(wait.code).toBe(EXIT_CODE.JOB_FAILED);
    const failed = JSON.parse(wait.stdout);
    expect(failed).toMatchObject({ status: 'FAILED', message: expect.any(String) });
    expect(wait.stderr).toContain(`dataset-profiler: job ${jobId} FAILED: ${failed.message}`);
    expect((await cli('status', jobId)).code).toBe(EXIT_CODE.JOB_FAILED);
  }, SPAWNING_TEST_TIMEOUT_MS);

  it('a running job: clean-up is refused (6), wait --timeout gives up (8), wait on a terminal draws a progress bar until it is ready (0)', async () => {
    const jobId = (await cli('trigger', '--spec', specs.slow)).stdout.trim();
    const cleanUp = await cli('clean-up', jobId);
    expect(cleanUp.code).toBe(EXIT_CODE.CONFLICT);
    expect(cleanUp.stderr).toMatch(/^dataset-profiler: POST \/profiler\/clean_up answered 409: /);

    const impatient = await cli('wait', jobId, '--timeout', '0.3', '--interval', '0.1');
    expect(impatient.code).toBe(EXIT_CODE.TIMED_OUT);
    expect(impatient.stderr).toMatch(new RegExp(`job ${jobId} is still \\w+ after 0.3 s`));

    const terminal = await runInTerminal(['wait', jobId, '--interval', '0.2', '--url', stack.url]);
    expect(terminal.code).toBe(EXIT_CODE.OK);
    expect(terminal.stdout).toMatch(ANSI_ESCAPE);
    // The bar while the heavy profile runs: label, bar, percentage, files, bytes, rate, ETA.
    expect(terminal.stdout).toMatch(/heavy profile +\|[█░]{24}\| \d+% \| \d+\/12 files \| [\d.]+ MB \/ 28\.6 MB \| [^|]+\/s \| ETA \S+/);
    expect(terminal.stdout).toMatch(/done +\|█{24}\| 100% \| 12\/12 files \| 28\.6 MB \/ 28\.6 MB/);
    expect(terminal.stdout).toContain('"status": "HEAVY_PROFILES_READY"');
  }, 2 * SPAWNING_TEST_TIMEOUT_MS);

  it('profile <folder> on a terminal draws its progress bar on stderr and writes the profile to --out', async () => {
    const out = join(dirs.base, 'local-profile.json');
    const terminal = await runInTerminal(['profile', join(FIXTURES, 'dummy_data/data'), '--out', out]);
    expect(terminal.code).toBe(EXIT_CODE.OK);
    expect(terminal.stdout).toMatch(/heavy profile +\|█{24}\| 100% \| 3\/3 files \| 2\.61 MB \/ 2\.61 MB/);
    expect(JSON.parse(await readFile(out, 'utf8')).recordSet).toHaveLength(3);
  }, SPAWNING_TEST_TIMEOUT_MS);

  it('invalid input exits 2: a spec the service rejects (422), a malformed or missing spec file, a bad --url, a non-profile to view', async () => {
    const rejected = await cli('trigger', '--spec', specs.invalid);
    expect(rejected.code).toBe(EXIT_CODE.INVALID_INPUT);
    expect(rejected.stderr).toContain('answered 422: body.profile_specification.name: Field required');
    const malformed = await cli('trigger', '--spec', specs.malformed);
    expect(malformed.code).toBe(EXIT_CODE.INVALID_INPUT);
    expect(malformed.stderr).toMatch(/is not JSON/);
    expect((await cli('trigger', '--spec', join(dirs.base, 'none.json'))).code).toBe(EXIT_CODE.INVALID_INPUT);
    expect((await cli('trigger')).code).toBe(EXIT_CODE.INVALID_INPUT);
    expect((await cli('status', 'not-a-uuid')).code).toBe(EXIT_CODE.INVALID_INPUT);
    expect((await runCli(['status', UNKNOWN_JOB, '--url', 'not a url'])).code).toBe(EXIT_CODE.INVALID_INPUT);
    const view = await runCli(['view', specs.subway]);
    expect(view.code).toBe(EXIT_CODE.INVALID_INPUT);
    expect(view.stderr).toContain('not a Croissant profile');
  }, SPAWNING_TEST_TIMEOUT_MS);

  it('an unknown job exits 4; a service nobody answers at exits 5', async () => {
    for (const command of ['status', 'wait', 'fetch', 'clean-up']) {
      const run = await cli(command, UNKNOWN_JOB);
      expect(run.code, command).toBe(EXIT_CODE.NOT_FOUND);
    }
    expect((await fetch(`${stack.url}/profiler/profile/${UNKNOWN_JOB}/view`)).status).toBe(404);
    const closed = `http://127.0.0.1:${await closedPort()}`;
    const unreachable = await runCli(['status', UNKNOWN_JOB, '--url', closed]);
    expect(unreachable.code).toBe(EXIT_CODE.UNREACHABLE);
    expect(unreachable.stderr).toContain(`cannot reach ${closed}: ECONNREFUSED`);
  }, SPAWNING_TEST_TIMEOUT_MS);

  it('every command has --help (exit 0), and the top-level help lists the exit codes', async () => {
    for (const command of ['profile', 'trigger', 'status', 'wait', 'fetch', 'clean-up', 'view']) {
      const help = await runCli([command, '--help']);
      expect(help.code, command).toBe(EXIT_CODE.OK);
      expect(help.stdout, command).toContain(`Usage: dataset-profiler ${command}`);
    }
    const help = await runCli(['--help']);
    expect(help.stdout).toContain('Exit codes:');
    expect((await runCli(['status', '--help'])).stdout).toContain('DATASET_PROFILER_TOKEN');
  }, SPAWNING_TEST_TIMEOUT_MS);
});

describe('CLI against a local stack with ENABLE_AUTH=true', () => {
  let stack: RunningStack;
  let dirs: Awaited<ReturnType<typeof makeDirs>>;
  let token: string;

  beforeAll(async () => {
    const keys = await makeTestKeys();
    token = await keys.sign();
    dirs = await makeDirs([]);
    stack = await startStack({ DATA_ROOT: dirs.dataRoot, DATA_DIR: dirs.dataDir, ENABLE_AUTH: 'true', JWT_PUBLIC_KEY: keys.publicKeyPem });
  });

  afterAll(async () => {
    await stack?.kill('SIGTERM');
    await dirs?.cleanup();
  });

  it('exits 7 without a token, and gets through with --token or DATASET_PROFILER_TOKEN', async () => {
    const anonymous = await runCli(['status', UNKNOWN_JOB, '--url', stack.url]);
    expect(anonymous.code).toBe(EXIT_CODE.UNAUTHORIZED);
    expect(anonymous.stderr).toContain('answered 401');
    expect((await runCli(['status', UNKNOWN_JOB, '--url', stack.url, '--token', token])).code).toBe(EXIT_CODE.NOT_FOUND);
    expect((await runCli(['status', UNKNOWN_JOB, '--url', stack.url], { DATASET_PROFILER_TOKEN: token })).code).toBe(EXIT_CODE.NOT_FOUND);
  }, SPAWNING_TEST_TIMEOUT_MS);
});
