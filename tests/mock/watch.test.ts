// --watch: an edit under openapi/ is served at once; a spec that no longer
// bundles leaves the previous one serving and is reported in one line.
// Runs on a temporary copy of redocly.yaml and openapi/.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/mock/index.ts';
import { watchSpecs, type SpecWatcher } from '../../src/mock/watch.ts';
import { listApis } from '../../scripts/lib/apis.ts';
import { send } from './requests.ts';

const repo = join(import.meta.dirname, '..', '..');
const root = mkdtempSync(join(tmpdir(), 'mock-watch-'));
const lines: string[] = [];
const settled: Array<(reloaded: boolean) => void> = [];
const nextSettle = () => new Promise<boolean>((resolve) => settled.push(resolve));
let mock: MockServer;
let watcher: SpecWatcher;

beforeAll(async () => {
  cpSync(join(repo, 'redocly.yaml'), join(root, 'redocly.yaml'));
  cpSync(join(repo, 'openapi'), join(root, 'openapi'), { recursive: true });
  mock = await startMockServer({ port: 0 });
  watcher = await watchSpecs(mock, { root, log: (l) => lines.push(l), debounceMs: 50, onSettled: (r) => settled.shift()?.(r) });
});
afterAll(async () => {
  watcher?.close();
  await mock?.close();
  rmSync(root, { recursive: true, force: true });
});

const admin = join(root, 'openapi', 'proconf-admin.yaml');
const operationIds = () => mock.apis.flatMap((a) => a.endpoints.map((e) => e.operationId));

it('serves an edited spec at once, and keeps it when the next edit does not bundle', async () => {
  const original = readFileSync(admin, 'utf8');
  let settle = nextSettle();
  writeFileSync(admin, original.replace('operationId: create_proconf_token', 'operationId: create_proconf_token_v2'));
  expect(await settle).toBe(true);
  expect(operationIds()).toContain('create_proconf_token_v2');
  expect(lines.at(-1)).toBe(`rtc-token-apis mock: reloaded ${listApis().length} APIs from openapi/`); // every API in redocly.yaml
  const served = await fetch(`${mock.url}/__mock/once`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ operationId: 'create_proconf_token_v2', status: 500 }),
  });
  expect(served.status).toBe(204);
  expect((await send(mock.url, 'create_proconf_token')).status).toBe(500);

  settle = nextSettle();
  writeFileSync(admin, original.replace("$ref: './components/proconf/request-body.yaml'", "$ref: './components/proconf/missing.yaml'"));
  expect(await settle).toBe(false);
  const failure = lines.at(-1)!;
  expect(failure.split('\n')).toHaveLength(1);
  expect(failure).toMatch(/^rtc-token-apis mock: openapi\/proconf-admin\.yaml does not bundle \(.+\); still serving the previous specs$/);
  expect(operationIds()).toContain('create_proconf_token_v2');
  expect((await send(mock.url, 'create_proconf_token')).status).toBe(200);

  settle = nextSettle();
  writeFileSync(admin, 'openapi: 3.1.0\ninfo: [unclosed\n');
  expect(await settle).toBe(false);
  expect(lines.at(-1)).toMatch(/^rtc-token-apis mock: openapi\/proconf-admin\.yaml does not bundle \(.*\(3:1\)\); still serving the previous specs$/);
  expect(operationIds()).toContain('create_proconf_token_v2');
});
