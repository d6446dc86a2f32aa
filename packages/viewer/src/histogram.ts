import { z } from 'zod';
import { formatNumber } from './format.js';
import { html, type SafeHtml } from './html.js';

export interface HistogramBin {
  low: number;
  high: number;
  count: number;
}

const BinsSchema = z.array(z.object({ binRange: z.tuple([z.number(), z.number()]), count: z.number().nonnegative() })).min(1);

/** `statistics.histogram` is a JSON string (profile-format.md); anything else means no histogram. */
export function parseHistogram(histogram: string | null | undefined): HistogramBin[] | undefined {
  if (!histogram) return undefined;
  let bins: unknown;
  try {
    bins = JSON.parse(histogram);
  } catch {
    return undefined;
  }
  const parsed = BinsSchema.safeParse(bins);
  return parsed.success ? parsed.data.map(({ binRange: [low, high], count }) => ({ low, high, count })) : undefined;
}

/** The drawing area in SVG units; the SVG is stretched to its box's width. */
export const PLOT = { width: 200, height: 60 } as const;
/** A bin that holds anything is drawn at least this high, so it never vanishes next to a tall one. */
export const MIN_BAR_HEIGHT = 1;

/** A bar's height: proportional to its count, the tallest filling the plot. */
export const barHeight = (count: number, maxCount: number): number =>
  count === 0 ? 0 : Math.max(MIN_BAR_HEIGHT, Math.round((PLOT.height * count * 100) / maxCount) / 100);

export function histogramSvg(bins: readonly HistogramBin[], fieldName: string): SafeHtml {
  const maxCount = Math.max(...bins.map((bin) => bin.count));
  const width = PLOT.width / bins.length;
  const bars = bins.map((bin, i) => {
    const height = barHeight(bin.count, maxCount);
    return html`<rect class="bar" x="${i * width + 0.5}" y="${PLOT.height - height}" width="${width - 1}" height="${height}" data-count="${bin.count}"><title>${formatNumber(bin.low)} – ${formatNumber(bin.high)}: ${formatNumber(bin.count)}</title></rect>`;
  });
  const first = bins[0] as HistogramBin;
  const last = bins[bins.length - 1] as HistogramBin;
  return html`<figure class="histogram">
<svg viewBox="0 0 ${PLOT.width} ${PLOT.height}" preserveAspectRatio="none" role="img" aria-label="${`Histogram of ${fieldName}: ${bins.length} bins`}">${bars}<line x1="0" y1="${PLOT.height}" x2="${PLOT.width}" y2="${PLOT.height}" class="axis"/></svg>
<figcaption><span>${formatNumber(first.low)}</span><span class="peak">peak ${formatNumber(maxCount)}</span><span>${formatNumber(last.high)}</span></figcaption>
</figure>`;
}
