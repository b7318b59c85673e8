// Renders a dereferenced JSON Schema as nested property tables: every type,
// constraint, description and example is printed, nothing is collapsed.
import { html, type SafeHtml } from './html.ts';
import { markdown } from './markdown.ts';
import type { Obj } from './operations.ts';

export function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

function types(schema: Obj): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (typeof schema.type === 'string') return [schema.type];
  if (schema.properties) return ['object'];
  return [];
}

export function typeLabel(schema: Obj): string {
  const parts = types(schema).map((t) => (t === 'array' && schema.items ? `array of ${typeLabel(schema.items)}` : t));
  const label = parts.join(' | ') || (schema.oneOf ? 'one of' : schema.anyOf ? 'any of' : schema.allOf ? 'all of' : 'any');
  return schema.format ? `${label} (${schema.format})` : label;
}

const CONSTRAINTS: Array<[string, string]> = [
  ['minLength', 'min length'], ['maxLength', 'max length'], ['pattern', 'pattern'],
  ['minimum', 'minimum'], ['exclusiveMinimum', 'exclusive minimum'], ['maximum', 'maximum'],
  ['exclusiveMaximum', 'exclusive maximum'], ['minItems', 'min items'], ['maxItems', 'max items'],
  ['uniqueItems', 'unique items'], ['default', 'default'], ['const', 'constant'],
];

function constraints(schema: Obj): SafeHtml[] {
  const items = CONSTRAINTS.filter(([key]) => key in schema).map(
    ([key, label]) => html`<li>${label}: <code>${json(schema[key])}</code></li>`,
  );
  if (Array.isArray(schema.enum)) {
    items.push(html`<li>one of: ${schema.enum.map((v: unknown, i: number) => html`${i ? ', ' : ''}<code>${json(v)}</code>`)}</li>`);
  }
  if (schema.additionalProperties === false) items.push(html`<li>no other properties allowed</li>`);
  return items;
}

function schemaExamples(schema: Obj): unknown[] {
  const list = Array.isArray(schema.examples) ? [...schema.examples] : [];
  if ('example' in schema) list.unshift(schema.example);
  return list;
}

/** Description, constraints and examples of one schema node, then its children. */
export function renderSchema(schema: Obj, ancestors: Set<Obj> = new Set()): SafeHtml {
  if (ancestors.has(schema)) return html`<p class="circular">(recursive: see above)</p>`;
  const inner = new Set(ancestors).add(schema);
  const list = constraints(schema);
  return html`${markdown(schema.description)}
    ${list.length ? html`<ul class="constraints">${list}</ul>` : ''}
    ${schemaExamples(schema).map((ex) => html`<div class="schema-example">Example: <code class="example">${json(ex)}</code></div>`)}
    ${renderChildren(schema, inner)}`;
}

function renderChildren(schema: Obj, ancestors: Set<Obj>): SafeHtml {
  const variants = (['oneOf', 'anyOf', 'allOf'] as const).filter((k) => Array.isArray(schema[k]));
  return html`${propertyTable(schema, ancestors)}
    ${schema.items && (schema.items.properties || schema.items.description || schema.items.example !== undefined)
      ? html`<div class="items"><div class="label">Items: ${typeLabel(schema.items)}</div>${renderSchema(schema.items, ancestors)}</div>`
      : ''}
    ${variants.map((k) => html`<div class="variants"><div class="label">${k}</div>${(schema[k] as Obj[]).map(
      (v, i) => html`<div class="variant"><div class="label">#${i + 1}: ${typeLabel(v)}</div>${renderSchema(v, ancestors)}</div>`,
    )}</div>`)}`;
}

function propertyTable(schema: Obj, ancestors: Set<Obj>): SafeHtml | '' {
  const properties = Object.entries((schema.properties ?? {}) as Record<string, Obj>);
  if (!properties.length) return '';
  const required = new Set<string>(schema.required ?? []);
  return html`<table class="properties"><thead><tr><th>Property</th><th>Type</th><th>Details</th></tr></thead><tbody>
    ${properties.map(([name, prop]) => html`<tr>
      <td><code class="property">${name}</code>${required.has(name) ? html` <span class="required">required</span>` : ''}</td>
      <td class="type">${typeLabel(prop)}</td>
      <td>${renderSchema(prop, ancestors)}</td></tr>`)}
  </tbody></table>`;
}
