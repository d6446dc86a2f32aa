import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDirs, makeTinyDirs, specFor, startStack, type RunningStack } from '../support/localStack.js';
import { AUDIENCE, ISSUER, makeTestKeys, type TestKeys } from '../http/support/tokens.js';

const SECRET = 'SECRET-PASSWORD-VALUE';

/** Issue 10: "Logs never hold a token, a password or a full request body" — the whole stack's logs, auth on. */
describe('the local stack keeps secrets and bodies out of its logs', () => {
  let stack: RunningStack;
  let dirs: Awaited<ReturnType<typeof makeDirs>>;
  let keys: TestKeys;

  beforeAll(async () => {
    keys = await makeTestKeys();
    dirs = await makeTinyDirs();
    stack = await startStack({
      DATA_ROOT: dirs.dataRoot,
      DATA_DIR: dirs.dataDir,
      LOG_LEVEL: 'debug',
      ENABLE_AUTH: 'true',
      JWT_PUBLIC_KEY: keys.publicKeyPem,
      JWT_ISSUER: ISSUER,
      JWT_AUDIENCE: AUDIENCE,
    });
  });
  afterAll(async () => {
    await stack?.kill('SIGTERM');
    await dirs?.cleanup();
  });

  const post = async (path: string, body: string, token?: string) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
    const response = await fetch(`${stack.url}${path}`, { method: 'POST', headers, body });
    return { status: response.status, body: (await response.json()) as any };
  };

  const untilLightProfile = async (jobId: string, token: string) => {
    for (let attempt = 0; attempt < 300; attempt++) {
      const response = await fetch(`${stack.url}/profiler/job_status/${jobId}`, { headers: { authorization: `Bearer ${token}` } });
      const status = ((await response.json()) as { status: string }).status;
      if (status === 'LIGHT_PROFILE_READY' || status === 'FAILED') return status;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`job ${jobId} did not finish`);
  };

  it('logs no token, no password and no request body, whatever the answer', async () => {
    const token = await keys.sign();
    const expired = await keys.sign({ client_id: 'airflow' }, { expiresIn: Math.floor(Date.now() / 1000) - 3600 });
    const stranger = await keys.sign({ client_id: 'someone-else' });
    const withSecrets = specFor('tiny', { description: `credentials: password=${SECRET}`, password: SECRET }) as any;
    withSecrets.only_light_profile = true;
    withSecrets.profile_specification.data_connectors[0].password = SECRET;
    const body = JSON.stringify(withSecrets);

    const accepted = await post('/profiler/trigger_profile', body, token);
    expect(accepted.status).toBe(200);
    expect(await untilLightProfile(accepted.body.job_id, token)).toBe('LIGHT_PROFILE_READY');
    expect((await post('/profiler/trigger_profile', body, expired)).status).toBe(401);
    expect((await post('/profiler/trigger_profile', body, stranger)).status).toBe(403);
    expect((await post('/profiler/trigger_profile', body, `${token}x`)).status).toBe(401);
    expect((await post('/profiler/trigger_profile', body)).status).toBe(401);
    const invalid = JSON.stringify({ ...withSecrets, profile_specification: { ...withSecrets.profile_specification, keywords: SECRET } });
    expect((await post('/profiler/trigger_profile', invalid, token)).status).toBe(422);
    expect((await post('/profiler/trigger_profile', `{"password": "${SECRET}",`, token)).status).toBe(422);

    const runnerLogs = join(dirs.dataDir, 'runner', 'logs');
    const jobLogs = await Promise.all((await readdir(runnerLogs)).map((name) => readFile(join(runnerLogs, name), 'utf8')));
    // The job's own output (stdout and stderr of the profile job) is checked too.
    expect(jobLogs.length).toBeGreaterThanOrEqual(1);
    const everything = JSON.stringify(stack.logs) + jobLogs.join('\n');
    expect(stack.logs.filter((line) => line.msg === 'request').length).toBeGreaterThanOrEqual(7);
    for (const secret of [token, expired, stranger, SECRET, body.slice(0, 200)]) expect(everything).not.toContain(secret);
    expect(everything.toLowerCase()).not.toContain('bearer ');
  });
});
