// The reference's HTML: an index of every API and one Swagger UI page per
// API, the same for the mock's /docs and for `npm run docs`. Pages embed
// their document, so they also open from disk. Swagger UI is configured with
// no online validator and nothing else that leaves the machine; demo
// credentials are filled in; dark mode follows prefers-color-scheme.
import type { MockApi } from '../operations.js';
import { DEMO_CREDENTIALS } from '../curl.js';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** JSON inside a <script>: `<` escaped so no string can close the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * Long tokens and examples wrap; nothing scrolls sideways at 1280 px; dark mode
 * as the browser asks. Swagger UI's dark theme leaves operation descriptions in
 * its light-theme ink (#3b4151), unreadable on the dark page (the "On the mock"
 * tables among them): they get the dark theme's own text colour.
 */
const STYLE = `
body { margin: 0; font-family: system-ui, sans-serif; }
.swagger-ui pre, .swagger-ui code, .swagger-ui .microlight, .swagger-ui textarea { white-space: pre-wrap !important; overflow-wrap: anywhere; word-break: break-all; }
.swagger-ui .wrapper { max-width: 100%; box-sizing: border-box; }
.swagger-ui td.response-col_status { width: 5em; white-space: nowrap; }
.swagger-ui td.response-col_description, .swagger-ui .markdown { overflow-wrap: anywhere; min-width: 0; }
.swagger-ui .model-box, .swagger-ui .highlight-code, .swagger-ui .responses-inner { max-width: 100%; overflow-x: auto; }
.docs-nav { padding: 8px 20px; font-size: 14px; }
.docs-index { max-width: 900px; margin: 0 auto; padding: 24px; }
html.dark-mode body { background: #1c1c1e; color: #e5e5e5; }
html.dark-mode a { color: #8ab4f8; }
html.dark-mode .swagger-ui .opblock-description-wrapper, html.dark-mode .swagger-ui .opblock-description-wrapper :is(p, li, td, th, h1, h2, h3, h4, strong) { color: #e4e6e6; }
`;

const darkModeScript = `
const dark = matchMedia('(prefers-color-scheme: dark)');
const apply = () => document.documentElement.classList.toggle('dark-mode', dark.matches);
apply(); dark.addEventListener('change', apply);`;

export const pageFileName = (api: string) => `${api}.html`;

function shell(title: string, head: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><link rel="icon" href="assets/favicon-32x32.png">
${head}<style>${STYLE}</style><script>${darkModeScript}</script></head>
<body>${body}</body></html>
`;
}

export function indexPage(apis: Array<Pick<MockApi, 'name' | 'document' | 'operations'>>): string {
  const items = apis
    .map((a) => {
      const info = (a.document.info ?? {}) as { title?: string; version?: string };
      return `<li><a href="${pageFileName(a.name)}">${escapeHtml(info.title ?? a.name)}</a> <small>${escapeHtml(a.name)} ${escapeHtml(info.version ?? '')}, ${a.operations.length} operation${a.operations.length === 1 ? '' : 's'}</small></li>`;
    })
    .join('\n');
  return shell(
    'rtc-token-apis API reference',
    '',
    `<main class="docs-index"><h1>rtc-token-apis API reference</h1>
<p>Every API the mock serves, with try-it against the mock, every named example and how to pick it.</p>
<ul>${items}</ul></main>`,
  );
}

export function apiPage(name: string, document: Record<string, any>): string {
  const schemes = Object.entries<Record<string, string>>(document.components?.securitySchemes ?? {}).map(([key, s]) => ({
    key,
    type: s.type,
    scheme: s.scheme,
  }));
  const config = { document, schemes, basic: DEMO_CREDENTIALS.basic.split(':'), bearer: DEMO_CREDENTIALS.bearer };
  return shell(
    `${document.info?.title ?? name} - rtc-token-apis`,
    '<link rel="stylesheet" href="assets/swagger-ui.css">',
    `
<nav class="docs-nav"><a href="index.html">All APIs</a></nav>
<div id="reference"></div>
<script id="reference-config" type="application/json">${scriptJson(config)}</script>
<script src="assets/swagger-ui-bundle.js"></script>
<script>
const config = JSON.parse(document.getElementById('reference-config').textContent);
const ui = SwaggerUIBundle({
  spec: config.document,
  dom_id: '#reference',
  deepLinking: true,
  filter: true,
  tryItOutEnabled: true,
  requestSnippetsEnabled: true,
  displayRequestDuration: true,
  validatorUrl: null,
  displayOperationId: true,
  defaultModelsExpandDepth: 0,
  onComplete: () => {
    for (const s of config.schemes) {
      if (s.type === 'http' && s.scheme === 'basic') ui.preauthorizeBasic(s.key, config.basic[0], config.basic[1]);
      else if (s.type === 'http' && s.scheme === 'bearer') ui.preauthorizeApiKey(s.key, config.bearer);
    }
    document.documentElement.dataset.ready = 'true';
  },
});
</script>`,
  );
}
