// The renderer's text handling: spec text is escaped, the markdown subset the
// specs use is rendered, and $refs are inlined (cycles included).
import { describe, expect, it } from 'vitest';
import { dereference } from '../../scripts/lib/docs/dereference.ts';
import { html } from '../../scripts/lib/docs/html.ts';
import { markdown } from '../../scripts/lib/docs/markdown.ts';
import { renderApiPage } from '../../scripts/lib/docs/page.ts';

describe('docs rendering', () => {
  it('escapes spec text, so a description cannot inject markup', () => {
    expect(html`<p>${'<img src=x onerror=alert(1)> & "q"'}</p>`.value).toBe('<p>&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot;</p>');
    expect(markdown('<script>alert(1)</script> `x`').value).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt; <code>x</code></p>');
  });

  it('renders code, strong, emphasis, links and paragraphs', () => {
    expect(markdown('Use `sat:refresh` with **care**, the _Video_ scope\nand [docs](https://example.test/a).\n\nSecond.').value).toBe(
      '<p>Use <code>sat:refresh</code> with <strong>care</strong>, the <em>Video</em> scope and <a href="https://example.test/a">docs</a>.</p><p>Second.</p>',
    );
  });

  it('inlines local $refs, keeps sibling keys and survives recursive schemas', () => {
    const doc = dereference({
      a: { $ref: '#/defs/Node', description: 'local' },
      defs: { Node: { type: 'object', properties: { next: { $ref: '#/defs/Node' } } } },
    });
    expect(doc.a).toMatchObject({ type: 'object', description: 'local' });
    const node = (doc.a as any).properties.next;
    expect(node.properties.next).toBe(node); // a cycle, not an endless copy
    expect(() => dereference({ a: { $ref: '#/missing' } })).toThrow('unresolved $ref #/missing');
  });

  it('renders a recursive schema once and marks the repetition', () => {
    const document = dereference({
      openapi: '3.1.0',
      info: { title: 'T', version: '1' },
      paths: { '/n': { get: { responses: { 200: { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' } } } } } } } },
      components: { schemas: { Node: { type: 'object', properties: { next: { $ref: '#/components/schemas/Node' } } } } },
    });
    expect(renderApiPage(document)).toContain('(recursive: see above)');
  });
});
