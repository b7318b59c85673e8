// The mock has no per-API code: any bundled document it is given is served
// at its real paths, with its own examples, scenarios and reference page.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/mock/index.ts';
import { loadBundledSpecs } from '../../src/openapi-doc/bundled.ts';

const extra = {
  name: 'example-app',
  document: {
    openapi: '3.1.0',
    info: { title: 'An API the mock has never seen', version: '1.0.0' },
    paths: {
      '/api/example/things': {
        post: {
          operationId: 'create_thing',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } } },
          },
          responses: {
            '201': { description: 'made', content: { 'application/json': { schema: { type: 'object' }, examples: { made: { value: { id: 'thing-1' } } } } } },
            '404': {
              description: 'none',
              content: { 'application/json': { schema: { type: 'object' }, examples: { missing: { value: { error: 'nope' } } } } },
            },
          },
        },
      },
    },
  },
};

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ port: 0 });
  await mock.reload([...loadBundledSpecs(), extra]);
});
afterAll(() => mock.close());

const post = (path: string, body: unknown, prefer?: string) =>
  fetch(`${mock.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(prefer && { prefer }) }, body: JSON.stringify(body) });

it('serves a new document at its real paths with its examples, scenarios, 404s, controls and reference page', async () => {
  expect(mock.apis.map((a) => a.name)).toContain('example-app');
  const made = await post('/api/example/things', { name: 'x' });
  expect([made.status, await made.json()]).toEqual([201, { id: 'thing-1' }]);
  expect((await post('/api/example/things', { name: 'x' }, 'example=missing')).status).toBe(404);
  expect((await post('/api/example/elsewhere', {})).status).toBe(404);
  await mock.once('create_thing', { status: 404 });
  expect((await post('/api/example/things', { name: 'x' })).status).toBe(404);
  const index = await (await fetch(`${mock.url}/docs/`)).text();
  expect(index).toContain('href="example-app.html"');
  const page = await fetch(`${mock.url}/docs/example-app.html`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('Prefer: code=404, example=missing');
  // The APIs it served before are still there.
  expect((await post('/api/proconf-token', { role: 'owner', room: 'r', participantName: 'p' })).status).toBe(200);
});
