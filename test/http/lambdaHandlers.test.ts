import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROFILE_NOT_FOUND_MESSAGE, RAY_JOB_STATUS, type RayJobStatus } from '@dataset-profiler/core';
import { apiRoutes } from '../../functions/api/routes.js';
import { httpHandler } from '../../functions/http/httpHandler.js';
import { lambdaApi, toAnswer } from './support/api.js';
import { apiEvent, capturingLogger, context, jsonEvent } from './support/events.js';
import { corruptJobRecord, openCircuit, RAY_DOWN, testServices, untilRunnerStatus } from './support/services.js';
import { aJob, JOB_ID, UNKNOWN_JOB_ID, validRequest } from './support/fixtures.js';

const TRIGGER = '/profiler/trigger_profile';

describe('HTTP handlers invoked with plain API Gateway v2 events', () => {
  describe('POST /profiler/trigger_profile', () => {
    it('answers the new job id and queues the request', async () => {
      const t = await testServices();
      const api = lambdaApi(t.services);
      const answer = await api.call(jsonEvent('POST', TRIGGER, validRequest()));
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ job_id: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'Job submitted' });
      const queued = await t.services.requests.receive();
      expect(queued).toHaveLength(1);
      expect(queued[0]?.body).toEqual({ kind: 'ProfileRequested', jobId: answer.body.job_id });
    });

    it('accepts a Content-Type with parameters and a base64-encoded body', async () => {
      const api = lambdaApi((await testServices()).services);
      const answer = await api.call(
        apiEvent({ method: 'POST', path: TRIGGER, body: Buffer.from(JSON.stringify(validRequest())).toString('base64'), isBase64Encoded: true, headers: { 'content-type': 'application/json; charset=utf-8' } }),
      );
      expect(answer.status).toBe(200);
    });

    it('lists one Pydantic entry per missing field', async () => {
      const api = lambdaApi((await testServices()).services);
      const request = validRequest() as Record<string, any>;
      delete request.profile_specification.name;
      delete request.profile_specification.license;
      const answer = await api.call(jsonEvent('POST', TRIGGER, request));
      expect(answer.status).toBe(422);
      expect(answer.body.code).toBe('Validation.Request');
      expect(answer.body.status).toBe(422);
      expect(answer.body.detail).toEqual([
        expect.objectContaining({ loc: ['body', 'profile_specification', 'name'], msg: 'Field required', type: 'missing' }),
        expect.objectContaining({ loc: ['body', 'profile_specification', 'license'], msg: 'Field required', type: 'missing' }),
      ]);
    });

    it('names wrong types, a bad uuid and a bad discriminator the way Pydantic does, and ignores an extra field', async () => {
      const api = lambdaApi((await testServices()).services);
      const request = validRequest() as Record<string, any>;
      Object.assign(request.profile_specification, { id: 'not-a-uuid', name: 42, keywords: 'weather', data_connectors: [{ type: 'FtpServer' }], colour: 'blue' });
      request.only_light_profile = 'sometimes';
      const answer = await api.call(jsonEvent('POST', TRIGGER, request));
      expect(answer.status).toBe(422);
      const byLoc = Object.fromEntries((answer.body.detail as any[]).map((e) => [e.loc.join('.'), e]));
      expect(byLoc['body.profile_specification.id']).toMatchObject({ type: 'uuid_parsing', msg: expect.stringMatching(/^Input should be a valid UUID, /) });
      expect(byLoc['body.profile_specification.name']).toMatchObject({ type: 'string_type', msg: 'Input should be a valid string', input: 42 });
      expect(byLoc['body.profile_specification.keywords']).toMatchObject({ type: 'list_type', msg: 'Input should be a valid list' });
      expect(byLoc['body.profile_specification.data_connectors.0']).toMatchObject({
        type: 'union_tag_invalid',
        msg: "Input tag 'FtpServer' found using 'type' does not match any of the expected tags: 'RawDataPath', 'DatabaseConnection'",
      });
      expect(byLoc['body.profile_specification.colour']).toBeUndefined();
      expect(byLoc['body.only_light_profile']).toMatchObject({ type: 'bool_type', msg: 'Input should be a valid boolean' });
      expect(answer.body.message).toMatch(/^Request validation failed \(5 errors\)/);
    });

    it('answers 422 json_invalid with the character position for malformed JSON', async () => {
      const api = lambdaApi((await testServices()).services);
      const answer = await api.call(jsonEvent('POST', TRIGGER, '{"profile_specification": {"id": }'));
      expect(answer.status).toBe(422);
      expect(answer.body.detail).toEqual([{ loc: ['body', 33], msg: 'JSON decode error', type: 'json_invalid', input: {}, ctx: { error: 'Expecting value' } }]);
    });

    it('answers 422 missing at ["body"] when there is no body', async () => {
      const api = lambdaApi((await testServices()).services);
      const answer = await api.call(apiEvent({ method: 'POST', path: TRIGGER, headers: { 'content-type': 'application/json' } }));
      expect(answer.status).toBe(422);
      expect(answer.body.detail).toEqual([{ loc: ['body'], msg: 'Field required', type: 'missing', input: null }]);
    });

    it('answers 415 for a body that is not JSON by Content-Type', async () => {
      const api = lambdaApi((await testServices()).services);
      const answer = await api.call(apiEvent({ method: 'POST', path: TRIGGER, body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
      expect(answer.status).toBe(415);
      expect(answer.body).toMatchObject({ code: 'UnsupportedMediaType', status: 415 });
    });

    it('answers 413 for a body over 1 MiB, measured after base64 decoding, before parsing it', async () => {
      const api = lambdaApi((await testServices()).services);
      const big = 'x'.repeat(1024 * 1024 + 100);
      const plain = await api.call(jsonEvent('POST', TRIGGER, big));
      expect(plain.status).toBe(413);
      expect(plain.body).toMatchObject({ code: 'PayloadTooLarge', status: 413 });
      // 0.9 MiB of data is 1.2 MiB of base64 text: still accepted as far as size goes.
      const encoded = Buffer.from(JSON.stringify({ pad: 'y'.repeat(900 * 1024) })).toString('base64');
      const underLimit = await api.call(apiEvent({ method: 'POST', path: TRIGGER, body: encoded, isBase64Encoded: true, headers: { 'content-type': 'application/json' } }));
      expect(underLimit.status).toBe(422);
    });

    it('answers 503 with Retry-After while the Ray circuit is open', async () => {
      const t = await testServices();
      await openCircuit(t, 20);
      const answer = await lambdaApi(t.services).call(jsonEvent('POST', TRIGGER, validRequest()));
      expect(answer.status).toBe(503);
      expect(answer.headers['retry-after']).toBe('20');
      expect(answer.body).toMatchObject({ code: 'Unavailable.Ray', status: 503 });
      expect(answer.raw).not.toContain(RAY_DOWN);
      expect(answer.raw).not.toContain('10.0.0.7');
    });
  });

  describe('GET /profiler/job_status/{job_id}', () => {
    it("answers the job's status", async () => {
      const t = await testServices();
      await t.services.jobs.create(aJob());
      const answer = await lambdaApi(t.services).call(apiEvent({ path: `/profiler/job_status/${JOB_ID}` }));
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ job_id: JOB_ID, dataset_id: 'weather', status: 'STARTING', only_light_profile: false });
    });

    it('answers 404 NotFound.Job for an unknown id', async () => {
      const answer = await lambdaApi((await testServices()).services).call(apiEvent({ path: `/profiler/job_status/${UNKNOWN_JOB_ID}` }));
      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject({ code: 'NotFound.Job', status: 404, detail: answer.body.message });
    });

    it('answers 422 uuid_parsing at ["path","job_id"] for an id that is not a UUID', async () => {
      const answer = await lambdaApi((await testServices()).services).call(apiEvent({ path: '/profiler/job_status/abc' }));
      expect(answer.status).toBe(422);
      expect(answer.body.detail).toEqual([expect.objectContaining({ loc: ['path', 'job_id'], type: 'uuid_parsing', input: 'abc' })]);
    });
  });

  describe('GET /profiler/runner_status/{job_id}', () => {
    it('answers a bare JSON string', async () => {
      const t = await testServices();
      await t.services.jobs.create(aJob());
      await t.runner.submit({ submissionId: JOB_ID, entrypoint: 'sleep 5' });
      await untilRunnerStatus(t, JOB_ID, RAY_JOB_STATUS.RUNNING);
      const answer = await lambdaApi(t.services).call(apiEvent({ path: `/profiler/runner_status/${JOB_ID}` }));
      expect(answer.status).toBe(200);
      expect(answer.raw).toBe('"in_progress"');
    });

    // The other Ray statuses (RUNNING is above), each reached on the real runner by its entrypoint.
    const RUNNER_CASES: [RayJobStatus, string, string][] = [
      [RAY_JOB_STATUS.PENDING, 'true', '"pending"'],
      [RAY_JOB_STATUS.SUCCEEDED, 'true', '"completed"'],
      [RAY_JOB_STATUS.FAILED, 'exit 3', '"failed"'],
      [RAY_JOB_STATUS.STOPPED, 'sleep 5', '"failed"'],
    ];
    it.each(RUNNER_CASES)('maps the runner status %s (entrypoint `%s`) to %s', async (status, entrypoint, expected) => {
      const t = await testServices();
      await t.services.jobs.create(aJob());
      // PENDING: the runner's one slot is taken by another job.
      if (status === RAY_JOB_STATUS.PENDING) await t.runner.submit({ submissionId: 'blocker', entrypoint: 'sleep 5' });
      await t.runner.submit({ submissionId: JOB_ID, entrypoint });
      if (status === RAY_JOB_STATUS.STOPPED) {
        await untilRunnerStatus(t, JOB_ID, RAY_JOB_STATUS.RUNNING);
        await t.runner.stop(JOB_ID);
      }
      await untilRunnerStatus(t, JOB_ID, status);
      const answer = await lambdaApi(t.services).call(apiEvent({ path: `/profiler/runner_status/${JOB_ID}` }));
      expect(answer.status).toBe(200);
      expect(answer.raw).toBe(expected);
    });

    it('answers "unknown" when the runner has no record of the job', async () => {
      const t = await testServices();
      await t.services.jobs.create(aJob());
      const answer = await lambdaApi(t.services).call(apiEvent({ path: `/profiler/runner_status/${JOB_ID}` }));
      expect(answer.status).toBe(200);
      expect(answer.raw).toBe('"unknown"');
    });

    it('answers 503 with Retry-After when Ray cannot be reached', async () => {
      const t = await testServices({ runner: 'unreachable' });
      await t.services.jobs.create(aJob());
      const answer = await lambdaApi(t.services).call(apiEvent({ path: `/profiler/runner_status/${JOB_ID}` }));
      expect(answer.status).toBe(503);
      expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
    });
  });

  describe('GET /profiler/profile/{job_id}', () => {
    it('answers the profiles', async () => {
      const t = await testServices();
      await t.services.jobs.create(aJob({ status: 'HEAVY_PROFILES_READY', profiles: { light: 'jobs/l.json', heavy: 'jobs/h.json', cdd: 'cdd/weather.json' } }));
      await t.services.profiles.put('jobs/l.json', { name: 'light' });
      await t.services.profiles.put('jobs/h.json', { name: 'heavy' });
      const answer = await lambdaApi(t.services).call(apiEvent({ path: `/profiler/profile/${JOB_ID}` }));
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ moma_profile_light: { name: 'light' }, moma_profile_heavy: { name: 'heavy' }, cdd_profile: { path: join(t.profilesDir, 'cdd', 'weather.json') } });
    });

    it("answers 404 with the seed's sentence word for word", async () => {
      const answer = await lambdaApi((await testServices()).services).call(apiEvent({ path: `/profiler/profile/${UNKNOWN_JOB_ID}` }));
      expect(answer.status).toBe(404);
      expect(answer.body.detail).toBe('No profile found for the given job ID. Profiling might still be in progress.');
      expect(answer.body).toMatchObject({ code: 'NotFound.Profile', message: PROFILE_NOT_FOUND_MESSAGE, status: 404 });
    });
  });

  describe('GET /profiler/cdd_profile_path/{dataset_id}', () => {
    it('answers the path, or null when there is none', async () => {
      const t = await testServices();
      await t.services.profiles.put('cdd/7c4d20a0-33e8-471e-8a3f-a7a54aa09f68.json', {});
      const api = lambdaApi(t.services);
      expect((await api.call(apiEvent({ path: '/profiler/cdd_profile_path/7c4d20a0-33e8-471e-8a3f-a7a54aa09f68' }))).body).toEqual({ cdd_profile_path: join(t.profilesDir, 'cdd', '7c4d20a0-33e8-471e-8a3f-a7a54aa09f68.json') });
      expect((await api.call(apiEvent({ path: '/profiler/cdd_profile_path/3f1c9a52-8f6e-4d7b-9c1a-2b3c4d5e6f70' }))).body).toEqual({ cdd_profile_path: null });
    });

    it('answers 422 uuid_parsing for a dataset id that is not the dataset UUID (a path cannot reach the store)', async () => {
      for (const id of ['..%2Fetc', 'weather', 'a%2F%2Fb']) {
        const answer = await lambdaApi((await testServices()).services).call(apiEvent({ path: `/profiler/cdd_profile_path/${id}` }));
        expect(answer.status).toBe(422);
        expect(answer.body.detail[0]).toMatchObject({ loc: ['path', 'dataset_id'], type: 'uuid_parsing' });
      }
    });
  });

  describe('POST /profiler/clean_up', () => {
    it('cleans up a finished job', async () => {
      const t = await testServices();
      await t.services.jobs.create(aJob({ status: 'HEAVY_PROFILES_READY' }));
      const answer = await lambdaApi(t.services).call(jsonEvent('POST', '/profiler/clean_up', { profile_job_id: JOB_ID }));
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ detail: 'SUCCESS', job_id: JOB_ID, status: 'CLEANED_UP' });
    });

    it('answers 409 while the job runs, 404 for an unknown job, 422 without an id or with two different ones', async () => {
      const t = await testServices();
      await t.services.jobs.create(aJob({ status: 'STARTING' }));
      const api = lambdaApi(t.services);
      expect((await api.call(jsonEvent('POST', '/profiler/clean_up', { job_id: JOB_ID }))).body).toMatchObject({ status: 409, code: 'Conflict.JobState' });
      expect((await api.call(jsonEvent('POST', '/profiler/clean_up', { profile_job_id: UNKNOWN_JOB_ID }))).status).toBe(404);
      const none = await api.call(jsonEvent('POST', '/profiler/clean_up', { force: true }));
      expect(none.body.detail).toEqual([{ loc: ['body', 'profile_job_id'], msg: 'Field required', type: 'missing', input: { force: true } }]);
      const both = await api.call(jsonEvent('POST', '/profiler/clean_up', { profile_job_id: JOB_ID, job_id: UNKNOWN_JOB_ID }));
      expect(both.body.detail).toMatchObject([{ loc: ['body', 'job_id'], type: 'value_error' }]);
    });
  });

  describe('monitoring', () => {
    it('answers liveness, readiness and a health report without auth', async () => {
      const t = await testServices({ runner: 'unreachable' });
      const api = lambdaApi(t.services);
      expect((await api.call(apiEvent({ path: '/' }))).body).toEqual({ service: 'dataset-profiler', status: 'ok' });
      expect((await api.call(apiEvent({ path: '/monitoring/ready' }))).status).toBe(200);
      const health = await api.call(apiEvent({ path: '/monitoring/health-check' }));
      expect(health.status).toBe(200);
      expect(health.body.status).toBe('degraded');
      expect(health.body.checks.runner.status).toBe('down');
    });
  });

  describe('routing', () => {
    it('answers 404 NotFound.Route for an unknown path and 405 with Allow for a wrong method', async () => {
      const api = lambdaApi((await testServices()).services);
      const missing = await api.call(apiEvent({ path: '/nope' }));
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ code: 'NotFound.Route', detail: 'Not Found' });
      const wrong = await api.call(apiEvent({ method: 'DELETE', path: TRIGGER }));
      expect(wrong.status).toBe(405);
      expect(wrong.headers.allow).toBe('POST');
      expect(wrong.body).toMatchObject({ code: 'MethodNotAllowed', status: 405 });
    });
  });

  describe('errors and request ids', () => {
    it('answers a generic 500 without stack or message when a use case throws a plain Error, and logs the cause', async () => {
      const t = await testServices();
      await t.services.jobs.create(aJob());
      // A record the job store can no longer parse: FileJobStore.get throws a plain Error naming the
      // file (a server path), caused by the JSON SyntaxError (which quotes the file's content).
      const garbage = 'disk on fire';
      await corruptJobRecord(t, JOB_ID, garbage);
      const cause = (() => {
        try {
          JSON.parse(garbage);
        } catch (error) {
          return (error as Error).message;
        }
        throw new Error('expected garbage not to parse');
      })();
      expect(cause).toContain(garbage);
      const api = lambdaApi(t.services);
      const answer = await api.call(apiEvent({ path: `/profiler/job_status/${JOB_ID}` }));
      expect(answer.status).toBe(500);
      expect(answer.body).toEqual({ detail: 'Internal Server Error', code: 'Internal', message: 'Internal Server Error', status: 500, request_id: 'apigw-request-id' });
      expect(answer.raw).not.toMatch(/disk on fire|Corrupt JSON|at .*\.ts|stack/);
      expect(answer.raw).not.toContain(t.dir);
      const line = api.lines.find((l) => l.status === 500) as any;
      expect(line.level).toBe(50);
      expect(line.err.message).toContain(`Corrupt JSON file ${t.dir}`);
      expect(line.err.cause).toMatchObject({ type: 'SyntaxError', message: cause });
    });

    it("echoes a sane X-Request-Id and puts it in the body; replaces a forged one", async () => {
      const api = lambdaApi((await testServices()).services);
      const echoed = await api.call(apiEvent({ path: '/nope', headers: { 'x-request-id': 'client-req-42' } }));
      expect(echoed.headers['x-request-id']).toBe('client-req-42');
      expect(echoed.body.request_id).toBe('client-req-42');
      const forged = await api.call(apiEvent({ path: '/', headers: { 'x-request-id': 'evil\n{"level":60}' } }));
      expect(forged.headers['x-request-id']).toBe('apigw-request-id');
    });

    it('writes one access line per request with method, route, status, duration, request id and job id', async () => {
      const t = await testServices();
      await t.services.jobs.create(aJob());
      const api = lambdaApi(t.services);
      await api.call(apiEvent({ path: `/profiler/job_status/${JOB_ID}`, headers: { 'x-request-id': 'r-1' } }));
      const lines = api.lines.filter((l) => l.request_id === 'r-1');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ method: 'GET', route: 'GET /profiler/job_status/{job_id}', status: 200, request_id: 'r-1', job_id: JOB_ID });
      expect(typeof lines[0]?.duration_ms).toBe('number');
    });

    it('wraps a single route as a Lambda handler on its own (per-route functions)', async () => {
      const { logger } = capturingLogger();
      const route = apiRoutes.find((r) => r.operationId === 'getJobStatus')!;
      const handler = httpHandler(route, route.make((await testServices()).services), { logger });
      const answer = toAnswer(await handler(apiEvent({ path: `/profiler/job_status/${UNKNOWN_JOB_ID}`, pathParameters: { job_id: UNKNOWN_JOB_ID } }), context));
      expect(answer.status).toBe(404);
      expect(answer.headers['x-request-id']).toBe('apigw-request-id');
    });
  });
});
