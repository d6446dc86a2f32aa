import { describe, expect, it } from 'vitest';
import { extractKeywords } from '../../src/text/keywords.js';

describe('Function: extractKeywords', () => {
  it('returns the most frequent non-stop-words, ties in code-point order', () => {
    const text = 'The integral of the function. Integral tables help; the function table and the integral.';
    expect(extractKeywords(text, 'en', 3)).toEqual(['integral', 'function', 'help']);
  });

  it('uses the stop words of the detected language', () => {
    const keywords = extractKeywords('και το ολοκλήρωμα και το ολοκλήρωμα συνάρτησης', 'el');
    expect(keywords).toEqual(['ολοκλήρωμα', 'συνάρτησης']);
  });
});
