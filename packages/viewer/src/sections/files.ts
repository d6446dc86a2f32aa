import { bytesOf, formatBytes, formatNumber } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import type { DistributionEntry, ProfileDocument } from '../profileDocument.js';

const KIND: Record<string, string> = {
  'cr:FileObject': 'file',
  'cr:FileSet': 'folder',
  'dg:DatabaseConnection': 'database',
};

const sizeCell = (entry: DistributionEntry): SafeHtml => {
  const bytes = bytesOf(entry.contentSize);
  return bytes === undefined
    ? html`<td data-label="Size">${entry.contentSize ?? '—'}</td>`
    : html`<td data-label="Size" class="num" title="${`${formatNumber(bytes)} bytes`}" data-bytes="${bytes}">${formatBytes(bytes)}</td>`;
};

/** Every distribution entry: its path, kind, type, size and SHA-256. */
export function filesSection(dataset: ProfileDocument): SafeHtml {
  if (dataset.distribution.length === 0) return html``;
  const rows = dataset.distribution.map(
    (entry) => html`<tr data-id="${entry['@id']}">
<td data-label="Path" class="path">${entry.contentUrl || entry.name}</td>
<td data-label="Kind">${KIND[entry['@type']] ?? entry['@type']}</td>
<td data-label="Type">${entry.encodingFormat ?? '—'}</td>
${sizeCell(entry)}
<td data-label="SHA-256" class="hash">${entry.sha256 ?? '—'}</td>
</tr>`,
  );
  return html`<section class="card" id="files">
<h2>Files</h2>
<div class="scroll"><table class="files stack">
<thead><tr><th>Path</th><th>Kind</th><th>Type</th><th class="num">Size</th><th>SHA-256</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>
</section>`;
}
