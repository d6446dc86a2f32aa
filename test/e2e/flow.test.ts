import { createHash } from 'node:crypto';
import { readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, getJson, makeDirs, postJson, specFor, waitForFinal } from '../support/localStack.js';
import { useLocalStack } from '../support/useLocalStack.js';

describe('the local stack, over HTTP, on the fixture datasets', () => {
  const local = useLocalStack(async () => {
    const dirs = await makeDirs(['subway_data', 'dummy_data', 'mathe_integration_techniques']);
    await symlink('/etc', join(dirs.dataRoot, 'escape'));
    return dirs;
  });

  it('profiles subway_data to HEAVY_PROFILES_READY and serves the three profiles', async () => {
    const started = Date.now();
    const trigger = await postJson(`${local.stack.url}/profiler/trigger_profile`, specFor('subway_data'));
    expect(trigger.status).toBe(200);
    expect(trigger.body).toEqual({ job_id: expect.any(String), status: 'Job submitted' });
    const jobId = trigger.body.job_id as string;

    const final = await waitForFinal(local.stack.url, jobId);
    console.log(`subway_data: trigger_profile → ${final.status} in ${Date.now() - started} ms`);
    expect(final).toMatchObject({ status: 'HEAVY_PROFILES_READY', dataset_id: '7c4d20a0-33e8-471e-8a3f-a7a54aa09f68', only_light_profile: false });
    expect(final.progress).toMatchObject({ phase: 'done', files_total: 1, files_done: 1 });

    const { status, body } = await getJson(`${local.stack.url}/profiler/profile/${jobId}`);
    expect(status).toBe(200);
    const csvBytes = await readFile(join(FIXTURES, 'subway_data/data/csv_1.csv'));
    const file = body.moma_profile_light.distribution.find((entry: any) => entry.name === 'csv_1.csv');
    expect(file).toMatchObject({
      '@type': 'cr:FileObject',
      contentSize: '2386685 B',
      encodingFormat: 'text/csv',
      sha256: createHash('sha256').update(csvBytes).digest('hex'),
    });
    expect(body.moma_profile_light.recordSet).toBeUndefined();
    const recordSet = body.moma_profile_heavy.recordSet.find((set: any) => set.name === 'csv_1');
    expect(recordSet.field.map((f: any) => f.name)).toEqual([
      'dv_agency', 'dv_platenum_station', 'dv_validations', 'dv_route', 'routes_per_hour', 'load_dt',
      'date_hour', 'etl_extraction_dt', 'etl_load_dt', 'dv_agency_desc', 'boarding_disembark_desc',
    ]);
    const validations = recordSet.field.find((f: any) => f.name === 'dv_validations');
    expect(validations.dataType).toBe('sc:Integer');
    expect(validations.statistics).toMatchObject({ rowCount: 20357, min: 1, max: 17606, median: 192 });

    const cddPath = await getJson(`${local.stack.url}/profiler/cdd_profile_path/7c4d20a0-33e8-471e-8a3f-a7a54aa09f68`);
    expect(cddPath.body.cdd_profile_path).toMatch(/7c4d20a0-33e8-471e-8a3f-a7a54aa09f68\.json$/);
    expect(body.cdd_profile).toEqual({ path: cddPath.body.cdd_profile_path });
    const cdd = JSON.parse(await readFile(cddPath.body.cdd_profile_path, 'utf8'));
    expect(cdd['@id']).toBe('7c4d20a0-33e8-471e-8a3f-a7a54aa09f68');

    expect((await getJson(`${local.stack.url}/profiler/runner_status/${jobId}`)).body).toBe('completed');

    const cleaned = await postJson(`${local.stack.url}/profiler/clean_up`, { job_id: jobId });
    expect(cleaned).toMatchObject({ status: 200, body: { job_id: jobId, status: 'CLEANED_UP' } });
    expect((await getJson(`${local.stack.url}/profiler/job_status/${jobId}`)).body.status).toBe('CLEANED_UP');
    const gone = await getJson(`${local.stack.url}/profiler/profile/${jobId}`);
    expect(gone.status).toBe(404);
    expect(gone.body.detail).toBe('No profile found for the given job ID. Profiling might still be in progress.');
  });

  it('ends a light-only job at LIGHT_PROFILE_READY with an empty heavy profile', async () => {
    const request = { ...specFor('dummy_data'), only_light_profile: true };
    const { body } = await postJson(`${local.stack.url}/profiler/trigger_profile`, request);
    const final = await waitForFinal(local.stack.url, body.job_id);
    expect(final.status).toBe('LIGHT_PROFILE_READY');
    const profile = await getJson(`${local.stack.url}/profiler/profile/${body.job_id}`);
    const names = profile.body.moma_profile_light.distribution.map((entry: any) => entry.name);
    expect(names).toEqual(expect.arrayContaining(['csv_1.csv', 'weather_image.jpg', '960.pdf']));
    expect(profile.body.moma_profile_heavy).toEqual({});
    expect(profile.body.cdd_profile).toEqual({});
  });

  it('profiles the mathe dataset: three CSV record sets and ten PDFs', async () => {
    const request = specFor('mathe_integration_techniques', { id: '3f1c9a52-8f6e-4d7b-9c1a-2b3c4d5e6f70' });
    const { body } = await postJson(`${local.stack.url}/profiler/trigger_profile`, request);
    expect((await waitForFinal(local.stack.url, body.job_id)).status).toBe('HEAVY_PROFILES_READY');
    const profile = await getJson(`${local.stack.url}/profiler/profile/${body.job_id}`);
    const names = profile.body.moma_profile_heavy.recordSet.map((set: any) => set.name);
    expect(names).toEqual(expect.arrayContaining(['IntegrationTechniques', 'Keywords', 'Videos']));
    const pdfs = profile.body.moma_profile_light.distribution.filter((entry: any) => entry.encodingFormat === 'application/pdf' && entry['@type'] === 'cr:FileObject');
    expect(pdfs).toHaveLength(10);
  });

  it('answers 422 for a database connection while DB_ALLOWED_HOSTS lists no host (the default)', async () => {
    const connection = { type: 'DatabaseConnection', protocol: 'postgresql', engine: 'PostgreSQL', host: 'db.example', port: 5432, database_name: 'ds_mathe' };
    const { status, body } = await postJson(`${local.stack.url}/profiler/trigger_profile`, specFor('unused', { data_connectors: [connection] }));
    expect(status).toBe(422);
    expect(body.detail[0]).toMatchObject({ loc: ['body', 'profile_specification', 'data_connectors', 0, 'host'], msg: 'Value error, database connections are disabled: DB_ALLOWED_HOSTS lists no host' });
  });

  it('profiles a request of 300 KB, more than one environment variable can carry to a job', async () => {
    const description = 'Validations per station. '.repeat(12_000);
    const request = { ...specFor('subway_data', { description }), only_light_profile: true };
    const { body } = await postJson(`${local.stack.url}/profiler/trigger_profile`, request);
    expect((await waitForFinal(local.stack.url, body.job_id)).status).toBe('LIGHT_PROFILE_READY');
    const profile = await getJson(`${local.stack.url}/profiler/profile/${body.job_id}`);
    expect(profile.body.moma_profile_light.description).toBe(description);
  });

  it('fails a job whose dataset folder does not exist, with a clear message', async () => {
    const { body } = await postJson(`${local.stack.url}/profiler/trigger_profile`, specFor('no_such_dataset'));
    const final = await waitForFinal(local.stack.url, body.job_id);
    expect(final).toMatchObject({ status: 'FAILED', message: "Dataset folder 'no_such_dataset' does not exist", additional_details: { step: 'locate' } });
  });

  it('answers 422 for a dataset that escapes the data root through a symlink, and for ..', async () => {
    for (const datasetId of ['escape', '../outside', '/etc']) {
      const { status, body } = await postJson(`${local.stack.url}/profiler/trigger_profile`, specFor(datasetId));
      expect(status).toBe(422);
      expect(body.detail[0].loc).toEqual(['body', 'profile_specification', 'data_connectors', 0, 'dataset_id']);
    }
  });

  it('writes one structured log line per request and per transition, with request_id and job_id', () => {
    const requestLines = local.stack.logs.filter((line) => typeof line.request_id === 'string' && line.status !== undefined);
    expect(requestLines.length).toBeGreaterThan(5);
    const transitions = local.stack.logs.filter((line) => line.msg === 'job transition');
    expect(transitions.some((line) => line.to === 'HEAVY_PROFILES_READY' && typeof line.job_id === 'string')).toBe(true);
  });
});
