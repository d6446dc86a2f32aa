import { describe, expect, it } from 'vitest';
import { parseLocalConfig } from '../src/config.js';

describe('Function: parseLocalConfig', () => {
  it('takes the documented defaults', () => {
    expect(parseLocalConfig({})).toMatchObject({ PORT: 4557, HOST: '127.0.0.1', MAX_RECEIVES: 5, CIRCUIT_FAILURE_THRESHOLD: 3 });
  });

  it('fails naming the variable when a value is bad', () => {
    expect(() => parseLocalConfig({ PORT: 'x' })).toThrow(/PORT/);
  });

  it('rejects a circuit threshold that would let requests be dead-lettered before the circuit opens', () => {
    expect(() => parseLocalConfig({ CIRCUIT_FAILURE_THRESHOLD: '5', MAX_RECEIVES: '5' })).toThrow(/CIRCUIT_FAILURE_THRESHOLD: must be below MAX_RECEIVES/);
    expect(parseLocalConfig({ CIRCUIT_FAILURE_THRESHOLD: '4', MAX_RECEIVES: '5' }).CIRCUIT_FAILURE_THRESHOLD).toBe(4);
  });
});
