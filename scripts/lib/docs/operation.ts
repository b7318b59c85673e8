// One operation: its line, description, security, parameters, request body
// and every response with its schema and all of its examples.
import { html, type SafeHtml } from './html.ts';
import { markdown } from './markdown.ts';
import type { Obj, OperationRef } from './operations.ts';
import { renderSchema, typeLabel } from './schema.ts';
import { renderExamples } from './examples.ts';

export function operationAnchor(op: OperationRef): string {
  return op.operation.operationId ?? `${op.method}-${op.path}`;
}

function renderSecurity(requirements: Obj[] | undefined): SafeHtml {
  if (!requirements) return html``;
  const alternatives = requirements.map((req) => {
    const names = Object.keys(req);
    return names.length ? names.map((n) => html`<code>${n}</code>`) : html`<em>no credentials</em>`;
  });
  return html`<p class="security">Authentication: ${alternatives.map((a, i) => html`${i ? ' or ' : ''}${a}`)}</p>`;
}

function renderParameters(parameters: Obj[]): SafeHtml | '' {
  if (!parameters.length) return '';
  return html`<h4>Parameters</h4><table class="parameters"><thead><tr><th>Name</th><th>In</th><th>Type</th><th>Details</th></tr></thead><tbody>
    ${parameters.map((p) => html`<tr>
      <td><code class="property">${p.name}</code>${p.required ? html` <span class="required">required</span>` : ''}</td>
      <td>${p.in}</td><td class="type">${p.schema ? typeLabel(p.schema) : ''}</td>
      <td>${markdown(p.description)}${p.schema ? renderSchema(p.schema) : ''}${renderExamples(p)}</td></tr>`)}
  </tbody></table>`;
}

function renderContent(content: Record<string, Obj> | undefined): SafeHtml {
  return html`${Object.entries(content ?? {}).map(([mediaType, media]) => html`<div class="media">
    <div class="label">${mediaType}${media.schema ? html`: ${typeLabel(media.schema)}` : ''}</div>
    ${media.schema ? renderSchema(media.schema) : ''}
    ${renderExamples(media)}
  </div>`)}`;
}

function renderResponses(anchor: string, responses: Record<string, Obj>): SafeHtml {
  return html`<h4>Responses</h4>${Object.entries(responses).map(([status, response]) => html`
    <section class="response" id="${anchor}-${status}">
      <h5><span class="status status-${status[0]}xx">${status}</span> ${response.description ?? ''}</h5>
      ${response.headers ? renderParameters(Object.entries(response.headers as Record<string, Obj>).map(([name, h]) => ({ ...h, name, in: 'header' }))) : ''}
      ${renderContent(response.content)}
    </section>`)}`;
}

export function renderOperation(op: OperationRef, rootSecurity: Obj[] | undefined): SafeHtml {
  const { operation } = op;
  const parameters = [...(op.pathItem.parameters ?? []), ...(operation.parameters ?? [])] as Obj[];
  const body = operation.requestBody as Obj | undefined;
  return html`<section class="operation" id="${operationAnchor(op)}">
    <h3><span class="method method-${op.method}">${op.method.toUpperCase()}</span> <code class="path">${op.path}</code></h3>
    <p class="summary">${operation.summary ?? ''}${operation.operationId ? html` <code class="operation-id">${operation.operationId}</code>` : ''}</p>
    ${operation.deprecated ? html`<p class="deprecated">Deprecated.</p>` : ''}
    ${markdown(operation.description)}
    ${renderSecurity(operation.security ?? rootSecurity)}
    ${renderParameters(parameters)}
    ${body ? html`<h4>Request body${body.required ? html` <span class="required">required</span>` : ''}</h4>${markdown(body.description)}${renderContent(body.content)}` : ''}
    ${renderResponses(operationAnchor(op), operation.responses ?? {})}
  </section>`;
}
