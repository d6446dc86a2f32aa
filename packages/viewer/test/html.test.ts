import { describe, expect, it } from 'vitest';
import { html, SafeHtml } from '../src/html.js';

describe('html', () => {
  it('escapes every interpolated string, in text and in attributes', () => {
    const hostile = `"><script>alert('x')</script>&`;
    expect(html`<p title="${hostile}">${hostile}</p>`.markup).toBe(
      '<p title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</p>',
    );
  });

  it('inserts SafeHtml as is, joins arrays, and writes nothing for null and undefined', () => {
    const items = ['a<b', 'c'].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}</ul>${null}${undefined}${new SafeHtml('<hr>')}${3}`.markup).toBe('<ul><li>a&lt;b</li><li>c</li></ul><hr>3');
  });
});
