import { formatNumber, formatPercent } from '../format.js';
import { histogramSvg, parseHistogram } from '../histogram.js';
import { html, type SafeHtml } from '../html.js';
import type { Field, Statistics } from '../profileDocument.js';

const TOP_VALUES = 5;

const dash = html`<span class="none">—</span>`;

const numberOrDash = (value: number | null | undefined): SafeHtml | string => (typeof value === 'number' ? formatNumber(value) : dash);

/** Numbers are formatted; dates and times (ISO strings) are shown as written. */
const extremum = (value: number | string | null | undefined): SafeHtml | string =>
  typeof value === 'number' ? formatNumber(value) : typeof value === 'string' ? value : dash;

const displayValue = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

function topValues(statistics: Statistics): SafeHtml {
  const values = (statistics.mostFrequent ?? []).slice(0, TOP_VALUES);
  const rows = statistics.rowCount ?? 0;
  return html`<ol class="top-values">${values.map(
    ({ value, count }) => html`<li><span class="value"><span class="share" style="width: ${rows > 0 ? Math.round((1000 * count) / rows) / 10 : 0}%"></span><span class="label">${displayValue(value)}</span></span><span class="count">${formatNumber(count)}</span></li>`,
  )}</ol>`;
}

/** A histogram for a numeric column, its most frequent values for a text column, else nothing. */
function distributionCell(field: Field): SafeHtml | string {
  const statistics = field.statistics;
  if (!statistics) return dash;
  const bins = parseHistogram(statistics.histogram);
  if (bins) return histogramSvg(bins, field.name);
  if (statistics.mostFrequent?.length) return topValues(statistics);
  return dash;
}

function missingCell(statistics: Statistics | undefined): SafeHtml {
  const percent = statistics?.missingPercentage;
  if (typeof percent !== 'number') return html`<td data-label="Missing" class="num">${dash}</td>`;
  const count = statistics?.missingCount;
  return html`<td data-label="Missing" data-stat="missingPercentage" class="num${percent > 0 ? ' some' : ''}" title="${typeof count === 'number' ? `${formatNumber(count)} missing` : undefined}">${formatPercent(percent)}</td>`;
}

const typeName = (dataType: string): string => dataType.replace(/^sc:/, '');

/** One row per field: type, missing %, unique count, min/max/mean/median and its distribution. */
export function fieldTable(fields: readonly Field[]): SafeHtml {
  const rows = fields.map((field) => {
    const s = field.statistics;
    return html`<tr class="field" data-field="${field.name}">
<th scope="row" data-label="Field">${field.name}</th>
<td data-label="Type"><span class="type">${typeName(field.dataType)}</span></td>
${missingCell(s)}
<td data-label="Unique" class="num" data-stat="uniqueCount">${numberOrDash(s?.uniqueCount)}</td>
<td data-label="Min" class="num" data-stat="min">${extremum(s?.min)}</td>
<td data-label="Max" class="num" data-stat="max">${extremum(s?.max)}</td>
<td data-label="Mean" class="num" data-stat="mean">${numberOrDash(s?.mean)}</td>
<td data-label="Median" class="num" data-stat="median">${numberOrDash(s?.median)}</td>
<td data-label="Distribution" class="distribution">${distributionCell(field)}</td>
</tr>`;
  });
  return html`<div class="scroll"><table class="fields stack">
<thead><tr><th>Field</th><th>Type</th><th class="num">Missing</th><th class="num">Unique</th><th class="num">Min</th><th class="num">Max</th><th class="num">Mean</th><th class="num">Median</th><th>Distribution</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
}
