import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config.js';
import { startHttpServer, type RunningHttpServer } from '../../packages/local/src/httpServer.js';
import { capturingLogger } from './support/events.js';
import { corruptJobRecord, makeTestServices, openCircuit, type TestServices } from './support/services.js';
import { aJob, JOB_ID, UNKNOWN_JOB_ID, validRequest } from './support/fixtures.js';
import { makeTestKeys, type TestKeys } from './support/tokens.js';

const postJson = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

/** Streams `total` bytes in chunks without a Content-Length (chunked encoding). */
const streamChunked = (url: string, total: number): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    const pump = (): void => {
      while (sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });

describe('startHttpServer (local stack HTTP front)', () => {
  let t: TestServices;
  let server: RunningHttpServer;
  const log = capturingLogger();

  beforeAll(async () => {
    t = await makeTestServices();
    await t.services.jobs.create(aJob());
    server = await startHttpServer({ services: t.services, port: 0, logger: log.logger, config: parseConfig({}) });
  });
  afterAll(async () => {
    await server.close();
    await t.cleanup();
  });

  it('listens on 127.0.0.1 on a free port', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
  });

  it('triggers a profile, then reads the job status', async () => {
    const triggered = await postJson(`${server.url}/profiler/trigger_profile`, validRequest());
    expect(triggered.status).toBe(200);
    const { job_id } = (await triggered.json()) as { job_id: string };
    const status = await fetch(`${server.url}/profiler/job_status/${job_id}`);
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ job_id, status: 'SUBMITTING' });
  });

  it('answers the runner status as a bare JSON string', async () => {
    const res = await fetch(`${server.url}/profiler/runner_status/${JOB_ID}`);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.text()).toBe('"unknown"');
  });

  it('answers 404 for an unknown job and for the profile with the exact sentence', async () => {
    expect((await fetch(`${server.url}/profiler/job_status/${UNKNOWN_JOB_ID}`)).status).toBe(404);
    const res = await fetch(`${server.url}/profiler/profile/${UNKNOWN_JOB_ID}`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { detail: string }).detail).toBe('No profile found for the given job ID. Profiling might still be in progress.');
  });

  it('answers 422 with a json_invalid position for malformed JSON', async () => {
    const res = await postJson(`${server.url}/profiler/clean_up`, '{"job_id": "x",}');
    expect(res.status).toBe(422);
    expect(((await res.json()) as { detail: unknown }).detail).toEqual([
      { loc: ['body', 15], msg: 'JSON decode error', type: 'json_invalid', input: {}, ctx: { error: 'Expecting property name enclosed in double quotes' } },
    ]);
  });

  it('answers 422 missing for an empty POST body, and 415 for a form body', async () => {
    const empty = await fetch(`${server.url}/profiler/clean_up`, { method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(empty.status).toBe(422);
    expect(((await empty.json()) as { detail: unknown[] }).detail).toEqual([{ loc: ['body'], msg: 'Field required', type: 'missing', input: null }]);
    const form = await fetch(`${server.url}/profiler/clean_up`, { method: 'POST', body: new URLSearchParams({ job_id: JOB_ID }) });
    expect(form.status).toBe(415);
  });

  it('answers 413 for a 1.1 MiB body, declared or streamed', async () => {
    const declared = await postJson(`${server.url}/profiler/trigger_profile`, JSON.stringify({ pad: 'x'.repeat(1.1 * 1024 * 1024) }));
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ code: 'PayloadTooLarge', status: 413 });
    const streamed = await streamChunked(`${server.url}/profiler/trigger_profile`, 1.1 * 1024 * 1024);
    expect(streamed.status).toBe(413);
    expect((await fetch(`${server.url}/monitoring/ready`)).status).toBe(200);
  });

  it('answers 404 for an unknown path and 405 with Allow for a wrong method', async () => {
    const missing = await fetch(`${server.url}/profiler/nothing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'NotFound.Route' });
    const wrong = await fetch(`${server.url}/profiler/job_status/${JOB_ID}`, { method: 'POST' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
  });

  it('echoes X-Request-Id and puts it in error bodies; makes one up otherwise', async () => {
    const given = await fetch(`${server.url}/nope`, { headers: { 'x-request-id': 'trace-123' } });
    expect(given.headers.get('x-request-id')).toBe('trace-123');
    expect(((await given.json()) as { request_id: string }).request_id).toBe('trace-123');
    const made = await fetch(`${server.url}/`);
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(log.lines.some((l) => l.request_id === 'trace-123' && l.status === 404 && l.route === 'ANY $default')).toBe(true);
  });

  it('answers 503 with Retry-After while the circuit is open', async () => {
    await openCircuit(t, 7);
    try {
      const res = await postJson(`${server.url}/profiler/trigger_profile`, validRequest());
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('7');
    } finally {
      await t.services.circuit.recordSuccess();
    }
  });

  it('answers a generic 500 when a use case throws a plain Error', async () => {
    // A job of its own whose record the job store can no longer parse: FileJobStore.get throws a
    // plain Error naming the file, caused by the JSON SyntaxError, which quotes the (short) content.
    const jobId = '3e1d2c4b-5a69-4788-9abc-def012345678';
    await t.services.jobs.create(aJob({ jobId }));
    await corruptJobRecord(t, jobId, 'password=hunter2');
    const res = await fetch(`${server.url}/profiler/job_status/${jobId}`);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain(t.dir);
    expect(JSON.parse(text)).toMatchObject({ detail: 'Internal Server Error', status: 500 });
    // The file's content was in the error's cause: the log line keeps the cause, the answer has none.
    const line = log.lines.find((l) => l.status === 500 && l.job_id === jobId) as any;
    expect(line.err.cause.message).toContain('hunter2');
  });

  it('serves the OpenAPI document and the docs page with its assets', async () => {
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as { openapi: string };
    expect(doc.openapi).toBe('3.1.0');
    const page = await fetch(`${server.url}/docs`);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const css = await fetch(`${server.url}/docs/swagger-ui.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect((await fetch(`${server.url}/docs/swagger-ui-bundle.js`)).status).toBe(200);
  });
});

describe('startHttpServer with ENABLE_AUTH=true', () => {
  let keys: TestKeys;
  let t: TestServices;
  let server: RunningHttpServer;

  beforeAll(async () => {
    keys = await makeTestKeys();
    t = await makeTestServices();
    const config = parseConfig({ ENABLE_AUTH: 'true', JWT_PUBLIC_KEY: keys.publicKeyPem });
    server = await startHttpServer({ services: t.services, port: 0, logger: capturingLogger().logger, config });
  });
  afterAll(async () => {
    await server.close();
    await t.cleanup();
  });

  it('guards /profiler/* and leaves monitoring open', async () => {
    const url = `${server.url}/profiler/cdd_profile_path/7c4d20a0-33e8-471e-8a3f-a7a54aa09f68`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: `Bearer ${await keys.sign()}` } })).status).toBe(200);
    expect((await fetch(url, { headers: { authorization: `Bearer ${await keys.sign({ client_id: 'other' })}` } })).status).toBe(403);
    expect((await fetch(`${server.url}/monitoring/health-check`)).status).toBe(200);
  });
});
