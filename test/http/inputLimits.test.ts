import { describe, expect, it } from 'vitest';
import { REQUEST_LIMITS, type Services } from '@dataset-profiler/core';
import { lambdaApi } from './support/api.js';
import { apiEvent, jsonEvent } from './support/events.js';
import { testServices } from './support/services.js';
import { validRequest } from './support/fixtures.js';

const TRIGGER = '/profiler/trigger_profile';

/** Services whose stores and runner record every call made to them (the real adapters underneath). */
const recordingServices = (services: Services): { services: Services; touched: string[] } => {
  const touched: string[] = [];
  const record = <T extends object>(name: string, target: T): T =>
    new Proxy(target, {
      get(object, property, receiver) {
        const value = Reflect.get(object, property, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          touched.push(`${name}.${String(property)}`);
          return (value as (...a: unknown[]) => unknown).apply(object, args);
        };
      },
    });
  const { jobs, profiles, requests, events, ray, datasets } = services;
  return {
    touched,
    services: { ...services, jobs: record('jobs', jobs), profiles: record('profiles', profiles), requests: record('requests', requests), events: record('events', events), ray: record('ray', ray), datasets: record('datasets', datasets) },
  };
};

describe('input limits (issue 10, first "Inputs" bullet)', () => {
  const tooLong = (patch: (spec: Record<string, any>) => void) => {
    const request = validRequest() as Record<string, any>;
    patch(request.profile_specification);
    return request;
  };

  it('answers 422 string_too_long / too_long with the limit for oversized strings and lists', async () => {
    const api = lambdaApi((await testServices()).services);
    const cases: [string, Record<string, any>, string, Record<string, number>][] = [
      ['name', tooLong((s) => (s.name = 'n'.repeat(REQUEST_LIMITS.text + 1))), 'string_too_long', { max_length: REQUEST_LIMITS.text }],
      ['description', tooLong((s) => (s.description = 'd'.repeat(REQUEST_LIMITS.description + 1))), 'string_too_long', { max_length: REQUEST_LIMITS.description }],
      ['keywords', tooLong((s) => (s.keywords = Array.from({ length: REQUEST_LIMITS.listItems + 1 }, (_, i) => `k${i}`))), 'too_long', { max_length: REQUEST_LIMITS.listItems }],
      ['keywords.0', tooLong((s) => (s.keywords = ['k'.repeat(REQUEST_LIMITS.listItem + 1)])), 'string_too_long', { max_length: REQUEST_LIMITS.listItem }],
      ['data_connectors', tooLong((s) => (s.data_connectors = Array.from({ length: REQUEST_LIMITS.data_connectors + 1 }, () => ({ type: 'RawDataPath', dataset_id: 'weather' })))), 'too_long', { max_length: REQUEST_LIMITS.data_connectors }],
    ];
    for (const [field, request, type, ctx] of cases) {
      const answer = await api.call(jsonEvent('POST', TRIGGER, request));
      expect(answer.status, field).toBe(422);
      expect(answer.body.detail, field).toMatchObject([{ loc: ['body', 'profile_specification', ...field.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k))], type, ctx }]);
      expect(answer.body.detail[0].msg, field).toMatch(/should have at most \d+ (characters|items)/);
    }
  });

  it('answers 413 for a body over 1 MiB', async () => {
    const api = lambdaApi((await testServices()).services);
    const answer = await api.call(jsonEvent('POST', TRIGGER, JSON.stringify({ ...validRequest(), pad: 'x'.repeat(1024 * 1024) })));
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ code: 'PayloadTooLarge', message: 'Request body is larger than 1048576 bytes' });
  });

  it('validates every path parameter before any store or the runner is touched', async () => {
    const t = await testServices();
    const { services, touched } = recordingServices(t.services);
    const api = lambdaApi(services);
    const bad = ['not-a-uuid', '..%2F..%2Fetc%2Fpasswd', `${'a'.repeat(5000)}`, '7c4d20a0-33e8-471e-8a3f-a7a54aa09f6%00'];
    for (const value of bad) {
      for (const route of ['job_status', 'runner_status', 'profile', 'cdd_profile_path']) {
        const answer = await api.call(apiEvent({ path: `/profiler/${route}/${value}` }));
        expect(answer.status, `${route}/${value.slice(0, 30)}`).toBe(422);
        expect(answer.body.detail[0].loc, route).toEqual(['path', route === 'cdd_profile_path' ? 'dataset_id' : 'job_id']);
      }
    }
    // A docs asset is looked up in a fixed list before any file is read: a name off the list is no such asset.
    expect((await api.call(apiEvent({ path: '/docs/..%2Fpackage.json' }))).status).toBe(404);
    expect(touched).toEqual([]);
    // The recorder does see calls: a valid id reaches the job store.
    await api.call(apiEvent({ path: '/profiler/job_status/9c8b7a6f-5e4d-4c3b-a2a1-0f9e8d7c6b5a' }));
    expect(touched).toContain('jobs.get');
  });
});
