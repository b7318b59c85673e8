// Every example of a media type or parameter, each printed in full: a reviewer
// sees exactly what the mock serves and what a client may send.
import { html, type SafeHtml } from './html.ts';
import { markdown } from './markdown.ts';
import type { Obj } from './operations.ts';
import { json } from './schema.ts';

export interface NamedExample {
  name: string;
  summary?: string;
  description?: string;
  value: unknown;
}

/** The `example` and named `examples` of a media type or parameter object. */
export function examplesOf(holder: Obj): NamedExample[] {
  const list: NamedExample[] = Object.entries((holder.examples ?? {}) as Record<string, Obj>).map(([name, ex]) => ({
    name,
    summary: ex.summary,
    description: ex.description,
    value: ex.value,
  }));
  if ('example' in holder) list.unshift({ name: 'example', value: holder.example });
  return list;
}

export function renderExamples(holder: Obj): SafeHtml {
  return html`${examplesOf(holder).map((ex) => html`<figure class="example">
    <figcaption><code>${ex.name}</code>${ex.summary ? html` — ${ex.summary}` : ''}</figcaption>
    ${markdown(ex.description)}
    <pre>${json(ex.value)}</pre>
  </figure>`)}`;
}
