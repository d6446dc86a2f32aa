import { describe, expect, it } from 'vitest';
import { binEdges, histogramSql, readHistogram } from '../../src/tabular/histogram.js';

describe('Function: binEdges', () => {
  it('keeps every edge finite and increasing when max - min overflows a double', () => {
    for (const [min, max] of [[-1e308, 1e308], [-Number.MAX_VALUE, Number.MAX_VALUE]] as const) {
      const edges = binEdges(min, max);
      expect(edges).toHaveLength(11);
      expect([edges[0], edges[10]]).toEqual([min, max]);
      expect(edges.every(Number.isFinite)).toBe(true);
      for (let i = 1; i < edges.length; i += 1) expect(edges[i]!).toBeGreaterThan(edges[i - 1]!);
    }
  });
});

describe('Function: histogramSql', () => {
  it('puts no non-finite literal into SQL and reports no histogram for such a range', () => {
    const column = { min: Number.NEGATIVE_INFINITY, max: 1, count: 2 };
    expect(histogramSql(column, 'v')).toBe('NULL');
    expect(readHistogram(column, null)).toBeNull();
    expect(histogramSql({ min: -1e308, max: 1e308, count: 2 }, 'v')).not.toMatch(/Infinity|NaN/);
  });
});
