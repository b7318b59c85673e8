// The reference page of one API: overview, servers, authentication, a table
// of contents and every operation in full.
import { html, SafeHtml, slug } from './html.ts';
import { markdown } from './markdown.ts';
import { listOperations, type Obj, type OperationRef } from './operations.ts';
import { operationAnchor, renderOperation } from './operation.ts';
import { STYLE } from './style.ts';

export function layout(title: string, nav: SafeHtml | '', body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><style>${new SafeHtml(STYLE)}</style></head>
<body><div class="layout"><nav>${nav}</nav><main>${body}</main></div></body></html>
`.value;
}

function groupByTag(operations: OperationRef[]): Map<string, OperationRef[]> {
  const groups = new Map<string, OperationRef[]>();
  for (const op of operations) {
    const tag = (op.operation.tags?.[0] as string | undefined) ?? 'Operations';
    groups.set(tag, [...(groups.get(tag) ?? []), op]);
  }
  return groups;
}

function renderServers(servers: Obj[] = []): SafeHtml {
  return html`<h2 id="servers">Servers</h2><ul>${servers.map((s) => html`<li><code>${s.url}</code> ${markdown(s.description)}
    ${Object.entries((s.variables ?? {}) as Record<string, Obj>).map(([name, v]) => html`<div>Variable <code>${name}</code> (default <code>${v.default}</code>): ${v.description ?? ''}</div>`)}</li>`)}</ul>`;
}

function renderSchemes(schemes: Record<string, Obj> = {}): SafeHtml {
  const entries = Object.entries(schemes);
  if (!entries.length) return html``;
  return html`<h2 id="authentication">Authentication</h2>${entries.map(([name, s]) => html`<div class="scheme">
    <h3><code>${name}</code>: ${s.type}${s.scheme ? html` ${s.scheme}` : ''}${s.in ? html` in ${s.in} <code>${s.name}</code>` : ''}</h3>${markdown(s.description)}</div>`)}`;
}

export function renderApiPage(document: Obj, indexHref = 'index.html'): string {
  const info = (document.info ?? {}) as Obj;
  const groups = groupByTag(listOperations(document));
  const tagInfo = new Map<string, Obj>(((document.tags ?? []) as Obj[]).map((t) => [t.name, t]));
  const nav = html`<a href="${indexHref}">All APIs</a><ul>
    ${[...groups].map(([tag, ops]) => html`<li class="tag">${tag}</li>${ops.map((op) => html`<li><a href="#${operationAnchor(op)}">${op.operation.summary ?? op.path}</a></li>`)}`)}</ul>`;
  const body = html`<h1>${info.title ?? 'API'} <small>${info.version ?? ''}</small></h1>
    ${markdown(info.description)}
    ${renderServers(document.servers)}
    ${renderSchemes(document.components?.securitySchemes)}
    ${[...groups].map(([tag, ops]) => html`<h2 id="tag-${slug(tag)}">${tag}</h2>${markdown(tagInfo.get(tag)?.description)}
      ${ops.map((op) => renderOperation(op, document.security))}`)}`;
  return layout(String(info.title ?? 'API reference'), nav, body);
}
