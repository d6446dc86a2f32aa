import { formatNumber } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import type { ProfileDocument, RecordSet } from '../profileDocument.js';
import { fieldTable } from './fieldTable.js';

const EXAMPLE_ROWS = 10;

/**
 * The facts of PDF, text and image record sets, in reading order, with their labels. Raw PDF
 * `D:` dates (`creationDate`) are left out: `dateCreated` holds the same in ISO 8601.
 */
const DOCUMENT_FACTS: readonly [key: string, label: string][] = [
  ['pagesCount', 'Pages'],
  ['title', 'Title'],
  ['author', 'Author'],
  ['subject', 'Subject'],
  ['creator', 'Creator'],
  ['producer', 'Producer'],
  ['dateCreated', 'Created'],
  ['dateModified', 'Modified'],
  ['language', 'Language'],
  ['encoding', 'Encoding'],
  ['textLength', 'Text length (characters)'],
  ['textLayer', 'Text layer'],
  ['numLines', 'Lines'],
  ['numWords', 'Words'],
  ['numCharacters', 'Characters'],
  ['numParagraphs', 'Paragraphs'],
  ['avgSentenceLength', 'Words per sentence'],
  ['fleschKincaidGrade', 'Flesch–Kincaid grade'],
  ['width', 'Width (px)'],
  ['height', 'Height (px)'],
  ['imageFormat', 'Image format'],
  ['summary', 'Summary'],
];

const factValue = (value: unknown): string | undefined => {
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return typeof value === 'string' && value !== '' ? value : undefined;
};

function documentFacts(recordSet: RecordSet): SafeHtml {
  const facts = DOCUMENT_FACTS.flatMap(([key, label]) => {
    const value = factValue(recordSet[key]);
    return value === undefined ? [] : [html`<div data-fact="${key}"><dt>${label}</dt><dd>${value}</dd></div>`];
  });
  const keywords = recordSet.keywords.length
    ? html`<div data-fact="keywords" class="wide"><dt>Keywords</dt><dd><ul class="chips">${recordSet.keywords.map((k) => html`<li>${k}</li>`)}</ul></dd></div>`
    : '';
  return html`<dl class="facts">${facts}${keywords}</dl>`;
}

function examples(recordSet: RecordSet): SafeHtml | string {
  const rows = recordSet.examples.slice(0, EXAMPLE_ROWS);
  if (rows.length === 0) return '';
  const columns = recordSet.field.map((field) => field.name);
  const cell = (value: unknown) => (value === null || value === undefined ? html`<td class="none">—</td>` : html`<td>${typeof value === 'string' ? value : JSON.stringify(value)}</td>`);
  return html`<details class="examples"><summary>First ${rows.length} rows</summary>
<div class="scroll"><table><thead><tr>${columns.map((c) => html`<th>${c}</th>`)}</tr></thead>
<tbody>${rows.map((row) => html`<tr>${columns.map((c) => cell(row[c]))}</tr>`)}</tbody></table></div>
</details>`;
}

const sourcePath = (dataset: ProfileDocument, recordSet: RecordSet): string | undefined => {
  const id = recordSet.source?.['@id'] ?? recordSet.field[0]?.source?.fileObject?.['@id'];
  const entry = dataset.distribution.find((candidate) => candidate['@id'] !== undefined && candidate['@id'] === id);
  return entry?.contentUrl || entry?.name;
};

function recordSetBody(recordSet: RecordSet): SafeHtml {
  if (recordSet.error !== undefined) return html`<p class="error" role="alert"><strong>Could not be read:</strong> ${recordSet.error}</p>`;
  if (recordSet.field.length > 0) return html`${fieldTable(recordSet.field)}${examples(recordSet)}`;
  return documentFacts(recordSet);
}

const kindOf = (recordSet: RecordSet): string => (recordSet.error !== undefined ? 'error' : recordSet.field.length > 0 ? 'table' : 'document');

export const recordSetAnchor = (index: number): string => `record-set-${index + 1}`;

export function recordSetSection(dataset: ProfileDocument, recordSet: RecordSet, index: number): SafeHtml {
  const rows = recordSet.field[0]?.statistics?.rowCount;
  const path = sourcePath(dataset, recordSet);
  return html`<section class="card record-set" id="${recordSetAnchor(index)}" data-kind="${kindOf(recordSet)}" data-name="${recordSet.name}">
<h2>${recordSet.name}</h2>
<p class="meta">${path ? html`<span class="path">${path}</span>` : ''}${typeof rows === 'number' ? html`<span data-stat="rowCount">${formatNumber(rows)} rows</span>` : ''}${recordSet.field.length ? html`<span>${formatNumber(recordSet.field.length)} fields</span>` : ''}</p>
${recordSetBody(recordSet)}
</section>`;
}
