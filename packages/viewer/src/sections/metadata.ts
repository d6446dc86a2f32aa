import { bytesOf, formatBytes, formatNumber } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import type { ProfileDocument } from '../profileDocument.js';

const chips = (values: readonly string[]): SafeHtml => html`<ul class="chips">${values.map((value) => html`<li>${value}</li>`)}</ul>`;

/** Label and value of each metadata entry, in reading order; empty ones are left out. */
const entries = (dataset: ProfileDocument): [string, string | readonly string[]][] => [
  ['Dataset id', dataset['@id']],
  ['License', dataset.license],
  ['Published', dataset.datePublished],
  ['Country', dataset.country],
  ['Languages', dataset.inLanguage],
  ['Fields of science', dataset.fieldOfScience],
  ['Keywords', dataset.keywords],
  ['Uploaded by', dataset.uploadedBy],
  ['Cite as', dataset.citeAs],
  ['URL', dataset.url],
  ['DOI', dataset.doi],
  ['Version', dataset.version],
];

const totalBytes = (dataset: ProfileDocument): number =>
  dataset.distribution.filter((entry) => entry['@type'] === 'cr:FileObject').reduce((sum, entry) => sum + (bytesOf(entry.contentSize) ?? 0), 0);

/** The dataset's name, headline, description, metadata and a line of counts. */
export function metadataSection(dataset: ProfileDocument): SafeHtml {
  const files = dataset.distribution.filter((entry) => entry['@type'] === 'cr:FileObject').length;
  const unreadable = dataset.recordSet.filter((recordSet) => recordSet.error !== undefined).length;
  const shown = entries(dataset).filter(([, value]) => value.length > 0);
  return html`<header class="dataset">
<p class="kind">Dataset profile</p>
<h1>${dataset.name || dataset['@id']}</h1>
${dataset.headline ? html`<p class="headline">${dataset.headline}</p>` : ''}
${dataset.description ? html`<p class="description">${dataset.description}</p>` : ''}
<ul class="counts">
<li data-count="files"><strong>${formatNumber(files)}</strong> files</li>
<li data-count="bytes"><strong>${formatBytes(totalBytes(dataset))}</strong> in all</li>
<li data-count="record-sets"><strong>${formatNumber(dataset.recordSet.length)}</strong> record sets</li>
${unreadable > 0 ? html`<li data-count="errors" class="bad"><strong>${formatNumber(unreadable)}</strong> unreadable</li>` : ''}
</ul>
<dl class="metadata">${shown.map(([label, value]) => html`<div><dt>${label}</dt><dd>${typeof value === 'string' ? value : chips(value)}</dd></div>`)}</dl>
</header>`;
}
