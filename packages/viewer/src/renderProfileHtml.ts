import { html, SafeHtml } from './html.js';
import { profileDocumentOf, type ProfileDocument } from './profileDocument.js';
import { filesSection } from './sections/files.js';
import { metadataSection } from './sections/metadata.js';
import { recordSetAnchor, recordSetSection } from './sections/recordSets.js';
import { STYLES } from './styles.js';

/** No script, no fetch: the page may only use its own inline styles and inline SVG. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

function contents(dataset: ProfileDocument): SafeHtml | string {
  if (dataset.recordSet.length === 0) return '';
  const links = dataset.recordSet.map(
    (recordSet, i) => html`<li><a href="#${recordSetAnchor(i)}"${recordSet.error !== undefined ? new SafeHtml(' class="bad"') : ''}>${recordSet.name}</a></li>`,
  );
  return html`<nav class="card toc" aria-label="Record sets"><h2>Record sets</h2><ol>${links}</ol></nav>`;
}

const generatedAt = (dataset: ProfileDocument): string | undefined =>
  dataset.recordSet.flatMap((recordSet) => recordSet.field).find((field) => field.statistics?.generatedAt)?.statistics?.generatedAt;

/**
 * One self-contained HTML page for a profile (a Croissant dataset, or a job's profiles as the API
 * returns them): metadata, files, and per record set its fields with statistics and histograms.
 * Throws ProfileDocumentError when the document is not a profile.
 */
export function renderProfileHtml(document: unknown): string {
  const dataset = profileDocumentOf(document);
  const when = generatedAt(dataset);
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<title>${dataset.name || dataset['@id']} — dataset profile</title>
<style>${new SafeHtml(STYLES)}</style>
</head>
<body>
<main>
${metadataSection(dataset)}
${contents(dataset)}
${filesSection(dataset)}
${dataset.recordSet.map((recordSet, i) => recordSetSection(dataset, recordSet, i))}
<footer>Croissant profile ${dataset['@id']}${when ? `, statistics computed ${when}` : ''}.</footer>
</main>
</body>
</html>
`.markup;
}
