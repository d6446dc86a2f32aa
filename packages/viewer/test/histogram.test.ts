import { describe, expect, it } from 'vitest';
import { barHeight, histogramSvg, MIN_BAR_HEIGHT, parseHistogram, PLOT } from '../src/histogram.js';

const HISTOGRAM = JSON.stringify([
  { binRange: [1, 5.5], count: 40 },
  { binRange: [5.5, 10], count: 0 },
  { binRange: [10, 14.5], count: 10 },
  { binRange: [14.5, 19], count: 1 },
]);

describe('parseHistogram', () => {
  it('reads the JSON string of bins', () => {
    expect(parseHistogram(HISTOGRAM)).toEqual([
      { low: 1, high: 5.5, count: 40 },
      { low: 5.5, high: 10, count: 0 },
      { low: 10, high: 14.5, count: 10 },
      { low: 14.5, high: 19, count: 1 },
    ]);
  });

  it('gives nothing for no histogram, malformed JSON or bins of another shape', () => {
    for (const value of [null, undefined, '', '[]', '{"binRange"', '[{"binRange":[1],"count":2}]', '[{"binRange":[1,2],"count":-1}]']) {
      expect(parseHistogram(value), String(value)).toBeUndefined();
    }
  });
});

describe('histogramSvg', () => {
  it('draws one bar per bin, the tallest filling the plot, empty bins flat, small ones still visible', () => {
    const svg = histogramSvg(parseHistogram(HISTOGRAM)!, 'n').markup;
    const heights = [...svg.matchAll(/<rect class="bar" [^>]*height="([\d.]+)" data-count="(\d+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(heights).toEqual([[PLOT.height, 40], [0, 0], [15, 10], [1.5, 1]]);
    expect(barHeight(1, 1_000_000)).toBe(MIN_BAR_HEIGHT);
    expect(svg).toContain('aria-label="Histogram of n: 4 bins"');
    expect(svg).toContain('<span>1</span><span class="peak">peak 40</span><span>19</span>');
  });
});
