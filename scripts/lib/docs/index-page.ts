// The index page: one link per API reference page.
import { html } from './html.ts';
import { layout } from './page.ts';

export interface IndexEntry {
  name: string;
  title: string;
  version: string;
  description?: string;
  operationCount: number;
}

export function pageFileName(apiName: string): string {
  return `${apiName}.html`;
}

export function renderIndexPage(entries: IndexEntry[]): string {
  const body = html`<h1>API reference</h1>
    <p>Rendered from the OpenAPI documents in <code>openapi/</code>. Every page works offline.</p>
    <ul class="apis">${entries.map((e) => html`<li><a href="${pageFileName(e.name)}">${e.title}</a>
      <span class="muted">(${e.name}, version ${e.version}, ${e.operationCount} operation${e.operationCount === 1 ? '' : 's'})</span></li>`)}</ul>`;
  return layout('API reference', html`<strong>APIs</strong>`, body);
}
