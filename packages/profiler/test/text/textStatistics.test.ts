import { describe, expect, it } from 'vitest';
import { computeTextStatistics, countLines, countParagraphs } from '../../src/text/textStatistics.js';

describe('Function: computeTextStatistics', () => {
  it('matches hand-computed values', () => {
    const text = 'The cat sat. A dog ran!\n\nWhy?\n';
    // words: the cat sat a dog ran why = 7; sentences: "The cat sat" "A dog ran" "Why" (+ "\n" blank) = 3
    // vowels (aeiouy): the1 cat1 sat1 a1 dog1 ran1 why1 = 7
    const statistics = computeTextStatistics(text);
    expect(statistics).toEqual({
      numLines: 3,
      numWords: 7,
      numCharacters: 30,
      avgSentenceLength: 7 / 3,
      numParagraphs: 2,
      fleschKincaidGrade: 0.39 * (7 / 3) + 11.8 * (7 / 7) - 15.59,
    });
  });

  it('counts Unicode words and code points', () => {
    const statistics = computeTextStatistics('Καλημέρα κόσμε 😀.');
    expect(statistics.numWords).toBe(2);
    expect(statistics.numCharacters).toBe(17);
  });

  it('gives zeros for an empty text', () => {
    expect(computeTextStatistics('')).toEqual({
      numLines: 0, numWords: 0, numCharacters: 0, avgSentenceLength: 0, numParagraphs: 0, fleschKincaidGrade: 0,
    });
  });
});

describe('Function: countLines', () => {
  it('counts like Python splitlines', () => {
    expect(countLines('a')).toBe(1);
    expect(countLines('a\n')).toBe(1);
    expect(countLines('a\r\nb\rc\n\n')).toBe(4);
  });
});

describe('Function: countParagraphs', () => {
  it('counts blocks between blank lines, whatever the line endings', () => {
    expect(countParagraphs('one\r\n\r\ntwo\r\n')).toBe(2);
    expect(countParagraphs('one\n\n\n\ntwo\n  \nthree')).toBe(3);
  });
});
