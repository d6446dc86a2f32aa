import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { RequestValidationError, type ValidationIssue } from '@dataset-profiler/core';
import { parseRequest } from '@dataset-profiler/core';

const issuesOf = (schema: z.ZodType, input: unknown): ValidationIssue[] => {
  try {
    parseRequest(schema, input, ['body']);
  } catch (error) {
    if (error instanceof RequestValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected a validation error');
};

describe('parseRequest (zod → Pydantic issues)', () => {
  it('returns the parsed data, defaults applied', () => {
    expect(parseRequest(z.object({ a: z.string().default('x') }), {}, ['body'])).toEqual({ a: 'x' });
  });

  it('maps numbers: int_type, int_parsing, int_from_float, bounds', () => {
    const schema = z.strictObject({ a: z.int(), b: z.int(), c: z.int(), d: z.int().min(1).max(10), e: z.number().gt(0) });
    const issues = issuesOf(schema, { a: null, b: 'x', c: 1.5, d: 11, e: 0 });
    expect(issues.map((i) => [i.loc.at(-1), i.type, i.msg])).toEqual([
      ['a', 'int_type', 'Input should be a valid integer'],
      ['b', 'int_parsing', 'Input should be a valid integer, unable to parse string as an integer'],
      ['c', 'int_from_float', 'Input should be a valid integer, got a number with a fractional part'],
      ['d', 'less_than_equal', 'Input should be less than or equal to 10'],
      ['e', 'greater_than', 'Input should be greater than 0'],
    ]);
  });

  it('maps strings, lists, enums, literals and refinements', () => {
    const schema = z.strictObject({
      s: z.string().min(1),
      l: z.array(z.string()).min(2),
      e: z.enum(['PostgreSQL', 'TimescaleDB']),
      t: z.literal('RawDataPath'),
      r: z.string().refine((v) => v !== 'bad', { message: 'must not be bad' }),
    });
    const issues = issuesOf(schema, { s: '', l: ['a'], e: 'MySQL', t: 'x', r: 'bad' });
    expect(issues.map((i) => [i.type, i.msg])).toEqual([
      ['string_too_short', 'String should have at least 1 character'],
      ['too_short', 'List should have at least 2 items after validation, not 1'],
      ['enum', "Input should be 'PostgreSQL' or 'TimescaleDB'"],
      ['literal_error', "Input should be 'RawDataPath'"],
      ['value_error', 'Value error, must not be bad'],
    ]);
  });

  it('reports a body that is not an object, and a missing discriminator', () => {
    expect(issuesOf(z.object({ a: z.string() }), [])).toEqual([
      { loc: ['body'], type: 'model_attributes_type', msg: 'Input should be a valid dictionary or object to extract fields from', input: [] },
    ]);
    const union = z.object({ c: z.discriminatedUnion('type', [z.object({ type: z.literal('A') }), z.object({ type: z.literal('B') })]) });
    expect(issuesOf(union, { c: {} })[0]).toMatchObject({ loc: ['body', 'c'], type: 'union_tag_not_found', msg: "Unable to extract tag using discriminator 'type'" });
  });

  it('gives a missing field its enclosing object as input, like FastAPI', () => {
    expect(issuesOf(z.object({ a: z.object({ b: z.string() }) }), { a: { x: 1 } })).toEqual([
      { loc: ['body', 'a', 'b'], msg: 'Field required', type: 'missing', input: { x: 1 } },
    ]);
  });
});
