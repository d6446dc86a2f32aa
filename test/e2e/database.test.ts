import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithService } from '../support/externalService.js';
import { getJson, makeDirs, postJson, specFor, startStack, waitForFinal, type RunningStack } from '../support/localStack.js';

/** The database .ci/services/40-postgres.sh starts and loads (test/database/schema.sql), profiled over HTTP. */
describeWithService('PG_TEST_URL', 'the local stack profiles a PostgreSQL database end to end', (url) => {
  let stack: RunningStack;
  let dirs: Awaited<ReturnType<typeof makeDirs>>;
  let connector: Record<string, unknown>;
  const password = () => process.env.PG_TEST_READER_PASSWORD!;

  beforeAll(async () => {
    const { port, pathname } = new URL(url);
    connector = { type: 'DatabaseConnection', protocol: 'postgresql', engine: 'PostgreSQL', host: '127.0.0.1', port: Number(port), database_name: pathname.slice(1) };
    dirs = await makeDirs([]);
    stack = await startStack({
      DATA_ROOT: dirs.dataRoot,
      DATA_DIR: dirs.dataDir,
      DB_ALLOWED_HOSTS: '127.0.0.1',
      DB_CREDENTIALS: JSON.stringify({ [`127.0.0.1:${port}${pathname}`]: { user: process.env.PG_TEST_READER_USER, password: password() } }),
    });
  });

  afterAll(async () => {
    await stack?.kill('SIGTERM');
    await dirs?.cleanup();
  });

  const trigger = (connectors: unknown[]) => postJson(`${stack.url}/profiler/trigger_profile`, specFor('unused', { data_connectors: connectors }));

  it('profiles every table to HEAVY_PROFILES_READY, statistics from SQL, with progress per table', async () => {
    const started = Date.now();
    const answer = await trigger([connector]);
    expect(answer.status).toBe(200);
    const final = await waitForFinal(stack.url, answer.body.job_id, 240_000);
    console.log(`database profile over HTTP: trigger_profile → ${final.status} in ${Date.now() - started} ms`);
    expect(final).toMatchObject({ status: 'HEAVY_PROFILES_READY', progress: { phase: 'done', files_done: 11, files_total: 11 } });

    const { body } = await getJson(`${stack.url}/profiler/profile/${answer.body.job_id}`);
    const light = body.moma_profile_light.distribution as Record<string, any>[];
    expect(light[0]).toMatchObject({ '@type': 'dg:DatabaseConnection', contentUrl: `postgresql://127.0.0.1:${connector.port}/${connector.database_name}` });
    expect(light.filter((e) => e['@type'] === 'cr:FileObject').map((e) => e.name)).toContain('public.measurements');
    const measurements = body.moma_profile_heavy.recordSet.find((r: any) => r.name === 'public.measurements');
    expect(measurements.field.find((f: any) => f.name === 'id').statistics).toMatchObject({ rowCount: 1_000_000, min: 1, max: 1_000_000, uniqueCount: 1_000_000 });
    expect(body.moma_profile_heavy.recordSet.find((r: any) => r.name === 'public.secret_table').error).toMatch(/permission denied/);
  }, 300_000);

  it('answers 422 for a host DB_ALLOWED_HOSTS does not allow, and fails a job whose database has no credentials, clearly', async () => {
    const refused = await trigger([{ ...connector, host: '169.254.169.254' }]);
    expect(refused.status).toBe(422);
    expect(refused.body.detail[0]).toMatchObject({ loc: ['body', 'profile_specification', 'data_connectors', 0, 'host'], type: 'value_error' });

    const unknown = await trigger([{ ...connector, database_name: 'postgres' }]);
    expect(unknown.status).toBe(200);
    const final = await waitForFinal(stack.url, unknown.body.job_id);
    expect(final).toMatchObject({
      status: 'FAILED',
      message: `no credentials for database 127.0.0.1:${connector.port}/postgres: add them to DB_CREDENTIALS or to the secret DB_CREDENTIALS_SECRET_ARN names`,
      additional_details: { step: 'light' },
    });
  });

  it('never writes the password into a log, a job record or a profile', async () => {
    const files = await readdir(dirs.dataDir, { recursive: true, withFileTypes: true });
    for (const file of files.filter((f) => f.isFile())) {
      expect(await readFile(join(file.parentPath, file.name), 'utf8'), file.name).not.toContain(password());
    }
    expect(JSON.stringify(stack.logs)).not.toContain(password());
  });
});
