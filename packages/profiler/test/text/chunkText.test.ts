import { describe, expect, it } from 'vitest';
import { chunkText } from '../../src/text/chunkText.js';

describe('Function: chunkText', () => {
  const options = { chunkSize: 20, overlap: 5, separators: ['\n\n', '\n', ' '] };

  it('keeps a short text whole', () => {
    expect(chunkText('  short text  ', options)).toEqual(['short text']);
  });

  it('never returns chunks longer than chunkSize and carries some overlap', () => {
    const text = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu';
    const chunks = chunkText(text, options);
    expect(chunks.every((chunk) => chunk.length <= 20)).toBe(true);
    expect(chunks.join(' ')).toContain('alpha beta gamma');
    expect(chunks[1]?.split(' ')[0]).toBe(chunks[0]?.split(' ').at(-1));
  });

  it('splits a word longer than chunkSize anywhere', () => {
    expect(chunkText('x'.repeat(45), options).map((chunk) => chunk.length)).toEqual([20, 20, 15]);
  });
});
