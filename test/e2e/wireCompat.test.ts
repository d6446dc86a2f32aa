import { describe, expect, it } from 'vitest';
import { getJson, makeTinyDirs, postJson, specFor, waitForFinal } from '../support/localStack.js';
import { useLocalStack } from '../support/useLocalStack.js';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Issue 6, wire compatibility: requests the reference's clients send, over HTTP on the local stack. */
describe('the local stack speaks the reference API', () => {
  const local = useLocalStack(makeTinyDirs, () => ({ LOG_LEVEL: 'debug' }));

  const trigger = (overrides: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    postJson(`${local.stack.url}/profiler/trigger_profile`, { ...specFor('tiny', overrides), ...extra });

  it('takes any UUID as the dataset id, answers it canonical, serves the CDD path under any spelling of it, and cleans up by profile_job_id', async () => {
    const triggered = await trigger({ id: '33333333333333333333333333333333' });
    expect(triggered.status).toBe(200);
    expect(triggered.body.job_id).toMatch(V4);
    const final = await waitForFinal(local.stack.url, triggered.body.job_id);
    expect(final).toMatchObject({ status: 'HEAVY_PROFILES_READY', dataset_id: '33333333-3333-3333-3333-333333333333' });

    for (const spelling of ['33333333-3333-3333-3333-333333333333', '33333333333333333333333333333333']) {
      const { status, body } = await getJson(`${local.stack.url}/profiler/cdd_profile_path/${spelling}`);
      expect(status).toBe(200);
      expect(body.cdd_profile_path).toMatch(/33333333-3333-3333-3333-333333333333\.json$/);
    }

    const cleaned = await postJson(`${local.stack.url}/profiler/clean_up`, { profile_job_id: triggered.body.job_id });
    expect(cleaned.status).toBe(200);
    expect(cleaned.body).toEqual({ detail: 'SUCCESS', job_id: triggered.body.job_id, status: 'CLEANED_UP' });
  });

  it('accepts other versions and an upper-case id, and job_id as clean_up alias', async () => {
    const triggered = await trigger({ id: '11111111-1111-1111-1111-111111111111' }, { only_light_profile: true });
    expect(triggered.status).toBe(200);
    expect(await waitForFinal(local.stack.url, triggered.body.job_id)).toMatchObject({ status: 'LIGHT_PROFILE_READY', dataset_id: '11111111-1111-1111-1111-111111111111' });
    const upper = await trigger({ id: '7C4D20A0-33E8-471E-8A3F-A7A54AA09F68' }, { only_light_profile: true });
    expect((await waitForFinal(local.stack.url, upper.body.job_id)).dataset_id).toBe('7c4d20a0-33e8-471e-8a3f-a7a54aa09f68');
    const cleaned = await postJson(`${local.stack.url}/profiler/clean_up`, { job_id: triggered.body.job_id });
    expect(cleaned.body).toMatchObject({ detail: 'SUCCESS', status: 'CLEANED_UP' });
  });

  it('answers 200 "unknown" for the runner status of an id nobody knows', async () => {
    const { status, body } = await getJson(`${local.stack.url}/profiler/runner_status/0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d`);
    expect(status).toBe(200);
    expect(body).toBe('unknown');
  });

  it('ignores unknown fields, logging their names at debug level but never their values; wrong types and missing fields stay 422', async () => {
    const spec = specFor('tiny', { colour: 'secret-colour-value' }) as any;
    spec.profile_specification.data_connectors[0].mount_hint = 'secret-mount-value';
    const triggered = await postJson(`${local.stack.url}/profiler/trigger_profile`, { ...spec, client_version: 'secret-version-value', only_light_profile: true });
    expect(triggered.status).toBe(200);
    await waitForFinal(local.stack.url, triggered.body.job_id);
    const line = local.stack.logs.find((entry) => entry.msg === 'unknown request fields ignored');
    expect(line).toMatchObject({ level: 20 });
    expect((line?.unknown_fields as string[]).sort()).toEqual(['client_version', 'profile_specification.colour', 'profile_specification.data_connectors.0.mount_hint']);
    expect(JSON.stringify(local.stack.logs)).not.toMatch(/secret-(colour|mount|version)-value/);

    const wrongType = await trigger({ name: 42 });
    expect(wrongType.status).toBe(422);
    expect(wrongType.body.detail).toMatchObject([{ loc: ['body', 'profile_specification', 'name'], type: 'string_type' }]);
    const missing = specFor('tiny') as any;
    delete missing.profile_specification.license;
    const answer = await postJson(`${local.stack.url}/profiler/trigger_profile`, missing);
    expect(answer.status).toBe(422);
    expect(answer.body.detail).toMatchObject([{ loc: ['body', 'profile_specification', 'license'], type: 'missing' }]);
  });

  it('takes date_published in the forms the reference takes and refuses impossible dates', async () => {
    const accepted = ['2025-08-23', '23-08-2025', '2025-08-23T00:00:00Z', '1692748800'];
    const answers = await Promise.all(accepted.map((date) => trigger({ date_published: date }, { only_light_profile: true })));
    expect(answers.map((answer) => answer.status)).toEqual(accepted.map(() => 200));
    const finals = await Promise.all(answers.map((answer) => waitForFinal(local.stack.url, answer.body.job_id)));
    expect(finals.map((job) => job.status)).toEqual(accepted.map(() => 'LIGHT_PROFILE_READY'));
    for (const date of ['2025-02-30', '2025-13-01', 'yesterday']) {
      const answer = await trigger({ date_published: date });
      expect(answer.status, date).toBe(422);
      expect(answer.body.detail).toMatchObject([{ loc: ['body', 'profile_specification', 'date_published'], type: 'value_error' }]);
    }
  });
});
