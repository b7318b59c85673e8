// GET /docs over plain HTTP: the index links one page per API, each page
// embeds its document with try-it pointed at this mock, and the assets are
// the installed swagger-ui-dist files, byte for byte.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/mock/index.ts';
import { bundledSpecNames } from '../../src/openapi-doc/bundled.ts';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ port: 0 });
});
afterAll(() => mock.close());

const dist = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

it('redirects /docs to /docs/, whose index links a page for every served API', async () => {
  const redirect = await fetch(`${mock.url}/docs`, { redirect: 'manual' });
  expect([redirect.status, redirect.headers.get('location')]).toEqual([302, '/docs/']);
  const index = await (await fetch(`${mock.url}/docs/`)).text();
  const links = [...index.matchAll(/href="([\w-]+\.html)"/g)].map((m) => m[1]);
  expect(links).toEqual(bundledSpecNames().map((name) => `${name}.html`));
});

it('embeds each document with this mock as the first server and a Prefer picker on every operation', async () => {
  for (const name of bundledSpecNames()) {
    const page = await (await fetch(`${mock.url}/docs/${name}.html`)).text();
    const config = JSON.parse(/<script id="reference-config" type="application\/json">(.*?)<\/script>/s.exec(page)![1]!);
    expect(config.document.servers[0].url).toBe(mock.url);
    for (const pathItem of Object.values<any>(config.document.paths)) {
      for (const operation of Object.values<any>(pathItem)) {
        expect(operation.parameters.find((p: any) => p.name === 'Prefer')?.schema.enum.length, operation.operationId).toBeGreaterThan(1);
        expect(operation.description).toContain('### On the mock');
      }
    }
    expect(page).not.toMatch(/src="https?:|href="https?:\/\/(?!opensource)/);
  }
});

it('serves the assets from the installed swagger-ui-dist, and a clear 404 or 405 otherwise', async () => {
  for (const [name, type] of [
    ['swagger-ui-bundle.js', 'text/javascript'],
    ['swagger-ui.css', 'text/css'],
  ] as const) {
    const response = await fetch(`${mock.url}/docs/assets/${name}`);
    expect(response.headers.get('content-type')).toContain(type);
    expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(join(dist, name)))).toBe(true);
  }
  const missing = await fetch(`${mock.url}/docs/assets/index.html`); // in the package, but not an asset the pages use
  expect(missing.status).toBe(404);
  const unknown = await fetch(`${mock.url}/docs/nope.html`);
  expect([unknown.status, (await unknown.json()).detail]).toEqual([404, '/docs/nope.html is not part of the reference; start at /docs/']);
  expect((await fetch(`${mock.url}/docs/`, { method: 'POST' })).status).toBe(405);
});

it('does not record /docs or /__mock requests as API calls', async () => {
  await mock.reset();
  await fetch(`${mock.url}/docs/`);
  await fetch(`${mock.url}/__mock/requests`);
  expect(await mock.requests()).toEqual([]);
});
