import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RequestValidationError } from '@dataset-profiler/core';
import { findExcessiveNesting, MAX_JSON_DEPTH } from '../../functions/http/jsonDepth.js';
import { httpHandler } from '../../functions/http/httpHandler.js';
import { createLogger, serializeError } from '../../functions/http/logger.js';
import { lambdaApi, toAnswer } from './support/api.js';
import { capturingLogger, context, jsonEvent } from './support/events.js';
import { testServices } from './support/services.js';
import { validRequest } from './support/fixtures.js';

const TRIGGER = '/profiler/trigger_profile';
const nestedArrays = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
const nestedObjects = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

describe('findExcessiveNesting', () => {
  it('measures nesting on the text, skipping brackets inside strings', () => {
    expect(findExcessiveNesting(nestedArrays(MAX_JSON_DEPTH))).toBeUndefined();
    expect(findExcessiveNesting(nestedArrays(MAX_JSON_DEPTH + 1))).toBe(MAX_JSON_DEPTH);
    expect(findExcessiveNesting(`{"a":"${'['.repeat(500)}\\"["}`)).toBeUndefined();
    expect(findExcessiveNesting('[{"a":[1]}]', 2)).toBe(6);
  });
});

describe('hostile JSON bodies at the HTTP edge', () => {
  for (const [name, body] of [
    ['10,000 nested arrays', nestedArrays(10_000)],
    ['10,000 nested objects', nestedObjects(10_000)],
    ['a valid specification whose name nests 10,000 levels', JSON.stringify(validRequest()).replace('"Weather stations"', nestedArrays(10_000))],
  ] as const) {
    it(`answers 422 json_too_deep to ${name}, logging no input`, async () => {
      const t = await testServices();
      const api = lambdaApi(t.services);
      const answer = await api.call(jsonEvent('POST', TRIGGER, body));
      expect(answer.status).toBe(422);
      expect(answer.body).toMatchObject({ code: 'Validation.Request', status: 422, detail: [{ type: 'json_too_deep', ctx: { max_depth: MAX_JSON_DEPTH } }] });
      const access = api.lines.find((line) => line.msg === 'request');
      expect(access).toMatchObject({ status: 422, error_code: 'Validation.Request' });
      expect(JSON.stringify(api.lines)).not.toContain('[[[[');
      expect(await t.services.requests.receive()).toHaveLength(0);
    });
  }

  it('answers 500 in our error shape when an error answer cannot be serialised', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const { logger, lines } = capturingLogger();
    const failing = httpHandler({ method: 'POST', path: '/x' }, () => Promise.reject(new RequestValidationError([{ loc: ['body'], msg: 'bad', type: 'x', input: cyclic }])), { logger });
    const answer = toAnswer(await failing(jsonEvent('POST', '/x', {}), context));
    expect(answer.status).toBe(500);
    expect(answer.body).toMatchObject({ detail: 'Internal Server Error', code: 'Internal', status: 500, request_id: expect.any(String) });
    expect(lines.find((line) => line.msg === 'request failed')).toMatchObject({ status: 500 });
  });
});

describe('the logger never throws and never writes validation inputs', () => {
  const capture = () => {
    const written: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _e, done) => (written.push(chunk.toString()), done()) });
    return { logger: createLogger({ logLevel: 'debug' }, sink), written };
  };

  it('writes a ZodError, even as a cause, as its issue count and no input', () => {
    const zodError = z.object({ name: z.string() }).safeParse({ name: JSON.parse(nestedArrays(5000)) }).error;
    const { logger, written } = capture();
    logger.error({ err: new Error('outer', { cause: zodError }) }, 'failed');
    const line = JSON.parse(written.join('')) as { err: { message: string; cause: { type: string; message: string } } };
    expect(line.err.message).toBe('outer');
    expect(line.err.cause).toMatchObject({ type: 'ZodError', message: 'validation failed (1 issues)' });
    expect(written.join('')).not.toContain('[[');
  });

  it('a line the destination refuses is replaced by a short line, and never throws to the caller', () => {
    const written: string[] = [];
    let refusals = 1;
    const flaky = { write: (line: string) => (refusals-- > 0 ? (() => { throw new RangeError('Maximum call stack size exceeded'); })() : written.push(line)) };
    const logger = createLogger({ logLevel: 'debug' }, flaky);
    expect(() => logger.info({ job_id: 'j' }, 'job transition')).not.toThrow();
    expect(JSON.parse(written.join(''))).toMatchObject({ msg: 'job transition (the full line could not be written)', log_failure: 'RangeError' });
    const broken = createLogger({ logLevel: 'debug' }, { write: () => { throw new Error('closed'); } });
    expect(() => broken.error({}, 'nowhere to write')).not.toThrow();
  });

  it('describes an error whose properties throw without throwing', () => {
    const hostile = new Error('x');
    Object.defineProperty(hostile, 'name', { get: () => { throw new Error('no'); } });
    expect(serializeError(hostile)).toEqual({ type: 'Unserializable', message: 'the error could not be described' });
    expect(serializeError('text')).toEqual({ type: 'string', message: 'a non-Error value was thrown' });
  });
});
