import { describe, expect, it } from 'vitest';
import { findJsonSyntaxProblem } from '../../functions/http/jsonErrorPosition.js';

/** Expected values are what Python's json.loads reports (checked with CPython 3). */
const CASES: [string, number, string][] = [
  ['{"profile_specification": {"id": }', 33, 'Expecting value'],
  ['{', 1, 'Expecting property name enclosed in double quotes'],
  ['', 0, 'Expecting value'],
  ['   ', 3, 'Expecting value'],
  ['{"a":1,}', 7, 'Expecting property name enclosed in double quotes'],
  ['[1 2]', 3, "Expecting ',' delimiter"],
  ['{"a" 1}', 5, "Expecting ':' delimiter"],
  ['{"a":1} x', 8, 'Extra data'],
  ['{"a":"b', 5, 'Unterminated string starting at'],
  ['{"a":"\\q"}', 6, 'Invalid \\escape'],
  ['{"a":"\\u12G4"}', 7, 'Invalid \\uXXXX escape'],
  ['{"a":"x\ny"}', 7, 'Invalid control character at'],
  ["{'a':1}", 1, 'Expecting property name enclosed in double quotes'],
  ['01', 1, 'Extra data'],
  ['{"a":[1,{"b":nul}]}', 13, 'Expecting value'],
];

describe('findJsonSyntaxProblem', () => {
  it.each(CASES)('%j fails at %i (%s), as Python says', (text, pos, msg) => {
    expect(findJsonSyntaxProblem(text)).toEqual({ pos, msg });
  });

  it('finds nothing wrong with valid JSON', () => {
    expect(findJsonSyntaxProblem('{"a": [1, 2.5e3, "x\\u00e9", true, null, {}]}')).toBeUndefined();
  });

  it('survives absurd nesting without blowing the stack', () => {
    expect(findJsonSyntaxProblem('['.repeat(100_000))?.msg).toBe('Maximum nesting depth exceeded');
  });
});
