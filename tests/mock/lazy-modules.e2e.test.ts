// The mock never loads @faker-js/faker (~0.7 s of start-up),
// postman-collection (~0.2 s) or the old json-schema-ref-parser (~0.1 s)
// while it serves static examples of OpenAPI documents, yet each still works
// if something does use it.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);
const repo = join(import.meta.dirname, '..', '..');

const script = `
import { createRequire } from 'node:module';
import { startMockServer } from './src/mock/server.ts';
const mock = await startMockServer({ port: 0 });
const r = await fetch(mock.url + '/proconfToken', { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer x' }, body: '{"role":"member","room":"a","participantName":"b"}' });
const prismRequire = createRequire(createRequire(import.meta.url).resolve('@stoplight/prism-http'));
const fakerFiles = () => Object.keys(prismRequire.cache).filter((p) => p.includes('/@faker-js/faker/') && !p.includes('postman-collection')).length;
const specRequire = createRequire(prismRequire.resolve('@stoplight/http-spec'));
const postmanFiles = () => Object.keys(specRequire.cache).filter((p) => p.includes('/postman-collection/')).length;
const before = fakerFiles();
const postmanBefore = postmanFiles();
const fakerRequire = createRequire(prismRequire.resolve('json-schema-faker'));
const refParserFiles = () => Object.keys(fakerRequire.cache).filter((p) => p.includes('/node_modules/json-schema-ref-parser/')).length;
const refParserBefore = refParserFiles();
const faker = prismRequire('@faker-js/faker');
const word = faker.faker.lorem.word();
const collection = new (specRequire('postman-collection').Collection)({ info: { name: 'x' } });
const bundled = await fakerRequire('json-schema-ref-parser').bundle({ type: 'object', properties: { a: { $ref: '#/definitions/a' } }, definitions: { a: { type: 'string' } } });
console.log(JSON.stringify({ status: r.status, before, after: fakerFiles(), word: typeof word, postmanBefore, postmanAfter: postmanFiles(), collection: collection.name, refParserBefore, refParserAfter: refParserFiles(), bundled: bundled.properties.a.$ref }));
await mock.close();
`;

it('serves a 200 with faker, postman-collection and json-schema-ref-parser unloaded, and loads each on first real use', async () => {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repo });
  const result = JSON.parse(stdout.trim().split('\n').pop()!);
  expect(result.status).toBe(200);
  expect(result.before).toBeLessThanOrEqual(1); // only the lazy placeholder at faker's own path
  expect(result.after).toBeGreaterThan(10);
  expect(result.word).toBe('string');
  expect(result.postmanBefore).toBeLessThanOrEqual(1); // only the lazy placeholder
  expect(result.postmanAfter).toBeGreaterThan(10);
  expect(result.collection).toBe('x');
  expect(result.refParserBefore).toBeLessThanOrEqual(1); // only the stand-in
  expect(result.refParserAfter).toBeGreaterThan(10);
  expect(result.bundled).toBe('#/definitions/a');
}, 30_000);
