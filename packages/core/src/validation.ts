import type { z } from 'zod';
import { RequestValidationError, type ValidationIssue } from './errors.js';

/**
 * zod → Pydantic v2 issue mapping, so 422 bodies read like FastAPI's: one entry per offending field,
 * Pydantic's `type` names and English messages. Pure: no I/O.
 */

type Loc = (string | number)[];
type ZodIssue = z.core.$ZodIssue;
type Built = Omit<ValidationIssue, 'loc'>;

/** Parses `input` with `schema`; throws RequestValidationError with Pydantic-shaped issues under `locPrefix`. */
export const parseRequest = <S extends z.ZodType>(schema: S, input: unknown, locPrefix: Loc): z.output<S> => {
  // reportInput: an issue without `input` is how "missing" is told apart from "wrong type".
  const result = schema.safeParse(input, { reportInput: true, error: markIntegers });
  if (result.success) return result.data;
  // No `cause`: a ZodError's message is a JSON dump of its issues, inputs included, and loggers read causes.
  throw new RequestValidationError(toValidationIssues(result.error.issues, input, locPrefix));
};

/**
 * zod reports a non-number given to `z.int()` as "expected number", like a float field; Pydantic
 * says "integer". The per-parse error map still sees the schema, so it tags those issues' messages.
 */
const INTEGER_EXPECTED = 'Invalid input: expected integer';
const INTEGER_FORMATS = new Set(['safeint', 'int32', 'uint32', 'int64', 'uint64']);

const markIntegers = (issue: z.core.$ZodRawIssue): string | undefined => {
  const format = (issue.inst as { _zod?: { def?: { format?: string } } } | undefined)?._zod?.def?.format;
  return issue.code === 'invalid_type' && format !== undefined && INTEGER_FORMATS.has(format) ? INTEGER_EXPECTED : undefined;
};

const MAX_UNKNOWN_FIELDS = 20;
const MAX_FIELD_NAME = 100;

/**
 * The dotted paths of the fields in `input` that `schema` does not declare (and so strips), for a
 * debug line: names only, at most 20, each cut to 100 characters. Call it on input that parsed.
 */
export const unknownFields = (schema: z.ZodType, input: unknown): string[] => {
  const found: string[] = [];
  collectUnknown(schema, input, [], found);
  return found.slice(0, MAX_UNKNOWN_FIELDS).map((name) => name.slice(0, MAX_FIELD_NAME));
};

type Def = { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; innerType?: z.ZodType; in?: z.ZodType; options?: z.ZodType[] };

const collectUnknown = (schema: z.ZodType, input: unknown, path: Loc, found: string[]): void => {
  if (found.length >= MAX_UNKNOWN_FIELDS) return;
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  if (def.type === 'object' && def.shape && isRecord(input)) {
    for (const [key, value] of Object.entries(input)) {
      const field = def.shape[key];
      if (field) collectUnknown(field, value, [...path, key], found);
      else found.push([...path, key].join('.'));
    }
  } else if (def.type === 'array' && def.element && Array.isArray(input)) {
    input.forEach((item, index) => collectUnknown(def.element as z.ZodType, item, [...path, index], found));
  } else if (def.innerType) {
    collectUnknown(def.innerType, input, path, found);
  } else if (def.type === 'pipe' && def.in) {
    collectUnknown(def.in, input, path, found);
  } else if (def.type === 'union' && def.options) {
    // The member the input parsed as is the one whose fields count.
    const member = def.options.find((option) => option.safeParse(input).success);
    if (member) collectUnknown(member, input, path, found);
  }
};

/** What a log may say about failed validation: where and what kind, never the values judged. */
export const summarizeIssues = (issues: readonly ZodIssue[]): { path: string; code: string }[] =>
  issues.slice(0, 10).map((issue) => ({ path: issue.path.map(String).join('.'), code: issue.code }));

export const toValidationIssues = (issues: readonly ZodIssue[], root: unknown, locPrefix: Loc): ValidationIssue[] =>
  issues.flatMap((issue) => mapIssue(issue, root, locPrefix));

const mapIssue = (issue: ZodIssue, root: unknown, prefix: Loc): ValidationIssue[] => {
  const path = issue.path.map(toLocSegment);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      loc: [...prefix, ...path, key],
      msg: 'Extra inputs are not permitted',
      type: 'extra_forbidden',
      input: valueAt(root, [...path, key]),
    }));
  }
  if (issue.code === 'invalid_union') return mapUnion(issue, root, prefix, path);
  if (isMissing(issue)) {
    // Pydantic reports the enclosing object as the input of a missing field.
    return [{ loc: [...prefix, ...path], msg: 'Field required', type: 'missing', input: valueAt(root, path.slice(0, -1)) ?? null }];
  }
  return [{ loc: [...prefix, ...path], ...withInput(describe(issue), issue) }];
};

const mapUnion = (issue: z.core.$ZodIssueInvalidUnion, root: unknown, prefix: Loc, path: Loc): ValidationIssue[] => {
  if (issue.discriminator !== undefined) return [discriminatorIssue(issue, prefix, path)];
  // A plain union: report the first branch's issues, as a reader needs one consistent story.
  const [first] = issue.errors;
  if (first && first.length > 0) {
    return first.flatMap((inner) => mapIssue({ ...inner, path: [...issue.path, ...inner.path] }, root, prefix));
  }
  return [{ loc: [...prefix, ...path], msg: 'Input does not match any of the allowed types', type: 'union_type', input: issue.input }];
};

/** zod puts the discriminator key at the end of the path; Pydantic's loc stops at the union member. */
const discriminatorIssue = (issue: z.core.$ZodIssueInvalidUnion, prefix: Loc, path: Loc): ValidationIssue => {
  const key = issue.discriminator ?? 'type';
  const loc = [...prefix, ...(path.at(-1) === key ? path.slice(0, -1) : path)];
  const tag = isRecord(issue.input) ? issue.input[key] : undefined;
  if (tag === undefined) {
    return { loc, msg: `Unable to extract tag using discriminator '${key}'`, type: 'union_tag_not_found', input: issue.input, ctx: { discriminator: `'${key}'` } };
  }
  const options = 'options' in issue ? (issue.options ?? []) : [];
  const expected = options.map((o) => `'${String(o)}'`).join(', ');
  return {
    loc,
    msg: `Input tag '${String(tag)}' found using '${key}' does not match any of the expected tags: ${expected}`,
    type: 'union_tag_invalid',
    input: issue.input,
    ctx: { discriminator: `'${key}'`, tag: String(tag), expected_tags: expected },
  };
};

const describe = (issue: ZodIssue): Built => {
  switch (issue.code) {
    case 'invalid_type':
      return typeIssue(issue.message === INTEGER_EXPECTED ? 'int' : issue.expected, issue.input);
    case 'too_small':
      return sizeIssue('min', issue.origin, Number(issue.minimum), issue.inclusive ?? true, issue.input);
    case 'too_big':
      return sizeIssue('max', issue.origin, Number(issue.maximum), issue.inclusive ?? true, issue.input);
    case 'invalid_format':
      return formatIssue(issue);
    case 'not_multiple_of':
      return { type: 'multiple_of', msg: `Input should be a multiple of ${String(issue.divisor)}`, ctx: { multiple_of: Number(issue.divisor) } };
    case 'invalid_value':
      return valueIssue(issue.values);
    default:
      return { type: 'value_error', msg: `Value error, ${issue.message}` };
  }
};

/** Pydantic messages for a value of the wrong type, by zod's `expected`. */
const TYPE_MESSAGES: Record<string, { type: string; msg: string }> = {
  string: { type: 'string_type', msg: 'Input should be a valid string' },
  number: { type: 'float_type', msg: 'Input should be a valid number' },
  int: { type: 'int_type', msg: 'Input should be a valid integer' },
  boolean: { type: 'bool_type', msg: 'Input should be a valid boolean' },
  object: { type: 'model_attributes_type', msg: 'Input should be a valid dictionary or object to extract fields from' },
  record: { type: 'dict_type', msg: 'Input should be a valid dictionary' },
  map: { type: 'dict_type', msg: 'Input should be a valid dictionary' },
  array: { type: 'list_type', msg: 'Input should be a valid list' },
  tuple: { type: 'tuple_type', msg: 'Input should be a valid tuple' },
  set: { type: 'set_type', msg: 'Input should be a valid set' },
  null: { type: 'none_required', msg: 'Input should be None' },
  date: { type: 'datetime_type', msg: 'Input should be a valid datetime' },
};

const typeIssue = (expected: string, input: unknown): Built => {
  // Pydantic names a string that is not a number a parsing failure, and a float for an int a fraction.
  if ((expected === 'int' || expected === 'number') && typeof input === 'string') {
    const kind = expected === 'int' ? 'int' : 'float';
    const noun = expected === 'int' ? 'an integer' : 'a number';
    return { type: `${kind}_parsing`, msg: `Input should be a valid ${expected === 'int' ? 'integer' : 'number'}, unable to parse string as ${noun}` };
  }
  if (expected === 'int' && typeof input === 'number' && Number.isFinite(input)) {
    return { type: 'int_from_float', msg: 'Input should be a valid integer, got a number with a fractional part' };
  }
  return TYPE_MESSAGES[expected] ?? { type: `${expected}_type`, msg: `Input should be a valid ${expected}` };
};

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

const sizeIssue = (bound: 'min' | 'max', origin: string, limit: number, inclusive: boolean, input: unknown): Built => {
  const least = bound === 'min';
  if (origin === 'string') {
    const type = least ? 'string_too_short' : 'string_too_long';
    return { type, msg: `String should have at ${least ? 'least' : 'most'} ${plural(limit, 'character')}`, ctx: { [least ? 'min_length' : 'max_length']: limit } };
  }
  if (origin === 'array' || origin === 'set') {
    const actual = Array.isArray(input) ? input.length : input instanceof Set ? input.size : 0;
    const type = least ? 'too_short' : 'too_long';
    return {
      type,
      msg: `List should have at ${least ? 'least' : 'most'} ${plural(limit, 'item')} after validation, not ${actual}`,
      ctx: { field_type: 'List', [least ? 'min_length' : 'max_length']: limit, actual_length: actual },
    };
  }
  return numberBound(least, inclusive, limit);
};

const NUMBER_BOUNDS = {
  'min,true': { type: 'greater_than_equal', words: 'greater than or equal to', ctx: 'ge' },
  'min,false': { type: 'greater_than', words: 'greater than', ctx: 'gt' },
  'max,true': { type: 'less_than_equal', words: 'less than or equal to', ctx: 'le' },
  'max,false': { type: 'less_than', words: 'less than', ctx: 'lt' },
} as const;

const numberBound = (least: boolean, inclusive: boolean, limit: number): Built => {
  const bound = NUMBER_BOUNDS[`${least ? 'min' : 'max'},${inclusive}`];
  return { type: bound.type, msg: `Input should be ${bound.words} ${limit}`, ctx: { [bound.ctx]: limit } };
};

const formatIssue = (issue: z.core.$ZodIssueInvalidStringFormat): Built => {
  const input = typeof issue.input === 'string' ? issue.input : '';
  if (issue.format === 'uuid' || issue.format === 'guid') {
    return { type: 'uuid_parsing', msg: `Input should be a valid UUID, ${uuidProblem(input)}`, ctx: { error: uuidProblem(input) } };
  }
  if (issue.format === 'url') {
    return { type: 'url_parsing', msg: 'Input should be a valid URL, relative URL without a base', ctx: { error: 'relative URL without a base' } };
  }
  if (issue.format === 'regex' && issue.pattern) {
    return { type: 'string_pattern_mismatch', msg: `String should match pattern '${issue.pattern}'`, ctx: { pattern: issue.pattern } };
  }
  return { type: 'value_error', msg: `Value error, ${issue.message}` };
};

/** Approximates the uuid crate's explanation that Pydantic appends. */
const uuidProblem = (input: string): string => {
  const bad = [...input].findIndex((c) => !/[0-9a-fA-F-]/.test(c));
  if (bad >= 0) {
    return `invalid character: expected an optional prefix of \`urn:uuid:\` followed by [0-9a-fA-F-], found \`${input[bad]}\` at ${bad + 1}`;
  }
  const groups = input.split('-');
  if (groups.length === 1) return `invalid length: expected length 32 for simple format, found ${input.length}`;
  if (groups.length !== 5) return `invalid group count: expected 5, found ${groups.length}`;
  const expected = [8, 4, 4, 4, 12];
  const group = groups.findIndex((g, i) => g.length !== expected[i]);
  if (group >= 0) return `invalid group length in group ${group}: expected ${expected[group]}, found ${groups[group]?.length}`;
  return 'invalid version or variant';
};

const valueIssue = (values: readonly unknown[]): Built => {
  const quoted = values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v)));
  const expected = quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
  // zod has one code for both; a single allowed value is how a Literal reads.
  const type = values.length === 1 ? 'literal_error' : 'enum';
  return { type, msg: `Input should be ${expected}`, ctx: { expected } };
};

const isMissing = (issue: ZodIssue): boolean => issue.code === 'invalid_type' && issue.input === undefined;

const withInput = (built: Built, issue: ZodIssue): Built => (issue.input === undefined ? built : { ...built, input: issue.input });

const toLocSegment = (key: PropertyKey): string | number => (typeof key === 'number' ? key : String(key));

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const valueAt = (root: unknown, path: Loc): unknown =>
  path.reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string | number, unknown>)[key] : undefined), root);
