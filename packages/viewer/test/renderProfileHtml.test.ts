import { describe, expect, it } from 'vitest';
import { ProfileDocumentError, renderProfileHtml } from '../src/index.js';

const HOSTILE = `<script>alert(1)</script><img src=x onerror="alert(2)">`;

/** A profile whose every string from user data is `text` (by default markup that would run). */
const dataset = (overrides: Record<string, unknown> = {}, text = HOSTILE) => ({
  '@type': 'sc:Dataset',
  '@id': '7c4d20a0-33e8-471e-8a3f-a7a54aa09f68',
  name: `Sales ${text}`,
  description: text,
  keywords: [text],
  distribution: [
    { '@type': 'cr:FileObject', '@id': 'f1', name: `${text}.csv`, contentSize: '1234 B', contentUrl: `${text}.csv`, encodingFormat: 'text/csv', sha256: 'ab'.repeat(32) },
    { '@type': 'cr:FileObject', '@id': 'f2', name: 'broken.pdf', contentSize: '9 B', contentUrl: 'broken.pdf', encodingFormat: 'application/pdf', sha256: 'cd'.repeat(32) },
  ],
  recordSet: [
    {
      '@type': 'cr:RecordSet',
      name: text,
      field: [
        {
          name: text,
          dataType: 'sc:Text',
          source: { fileObject: { '@id': 'f1' } },
          statistics: { rowCount: 4, missingCount: 1, missingPercentage: 25, uniqueCount: 2, mostFrequent: [{ value: text, count: 2 }], histogram: null },
        },
        {
          name: 'amount',
          dataType: 'sc:Float',
          // Wrong types from another profiler version: dropped, the page still renders.
          statistics: { rowCount: 4, mean: 'many', median: 2.5, min: 1, max: 4, histogram: '[{"binRange":[1,4],"count":4}]', uniqueCount: [] },
        },
      ],
      examples: [{ [text]: text, amount: 1 }],
    },
    { '@type': 'cr:RecordSet', name: 'broken', source: { '@id': 'f2' }, error: `Invalid PDF structure ${text}` },
    { '@type': 'cr:RecordSet', name: 'notes', numWords: 1200, language: 'en', keywords: ['sales', text] },
  ],
  ...overrides,
});

describe('renderProfileHtml', () => {
  it('escapes every string from the profile: no markup of its own reaches the page', () => {
    const page = renderProfileHtml(dataset());
    expect(page).not.toContain('<script');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('onerror="');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;');
  });

  it('is self-contained: inline styles only, nothing to fetch, scripts forbidden by its CSP', () => {
    const page = renderProfileHtml(dataset({}, 'plain text'));
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:">`);
    expect(page).not.toMatch(/<link|\ssrc=|@import|url\(/i);
    expect(page).toContain('<style>');
  });

  it('shows the unreadable file with its reason, the text statistics, and the values that have the right type', () => {
    const page = renderProfileHtml(dataset());
    expect(page).toContain('<li data-count="errors" class="bad"><strong>1</strong> unreadable</li>');
    expect(page).toContain('<strong>Could not be read:</strong> Invalid PDF structure &lt;script&gt;');
    expect(page).toContain('<div data-fact="numWords"><dt>Words</dt><dd>1,200</dd></div>');
    expect(page).toContain('<td data-label="Median" class="num" data-stat="median">2.5</td>');
    expect(page).toContain('<td data-label="Missing" data-stat="missingPercentage" class="num some" title="1 missing">25%</td>');
    expect(page).toContain('<td data-label="Size" class="num" title="1,234 bytes" data-bytes="1234">1.23 kB</td>');
  });

  it("takes the heavy profile of a job's profiles, or the light one while the heavy is empty", () => {
    const light = dataset({ name: 'light one', recordSet: undefined });
    expect(renderProfileHtml({ moma_profile_light: light, moma_profile_heavy: dataset({ name: 'heavy one' }), cdd_profile: {} })).toContain('<h1>heavy one</h1>');
    expect(renderProfileHtml({ moma_profile_light: light, moma_profile_heavy: {}, cdd_profile: {} })).toContain('<h1>light one</h1>');
  });

  it('rejects what is not a profile', () => {
    for (const document of [null, [], 'text', { name: 'no type' }, { moma_profile_light: {}, moma_profile_heavy: {} }]) {
      expect(() => renderProfileHtml(document), JSON.stringify(document)).toThrow(ProfileDocumentError);
    }
  });
});
