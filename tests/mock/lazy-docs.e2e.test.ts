// The reference costs nothing at start-up: the mock reads no swagger-ui-dist
// file until the first /docs request asks for one.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);
const repo = join(import.meta.dirname, '..', '..');

const script = `
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
const read = [];
const original = fs.promises.readFile;
fs.promises.readFile = (path, ...rest) => { read.push(String(path)); return original(path, ...rest); };
syncBuiltinESMExports();
const { startMockServer } = await import('./src/mock/server.ts');
const mock = await startMockServer({ port: 0 });
await fetch(mock.url + '/api/proconf-token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"role":"owner","room":"a","participantName":"b"}' });
const before = read.filter((p) => p.includes('swagger-ui-dist')).length;
const css = await fetch(mock.url + '/docs/assets/swagger-ui.css');
await css.arrayBuffer();
const after = read.filter((p) => p.includes('swagger-ui-dist')).length;
console.log(JSON.stringify({ before, after, status: css.status }));
await mock.close();
`;

it('reads no swagger-ui-dist file until /docs asks for one', async () => {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repo });
  expect(JSON.parse(stdout.trim().split('\n').pop()!)).toEqual({ before: 0, after: 1, status: 200 });
}, 30_000);
