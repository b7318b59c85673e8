// --log-format json: one JSON object per request with the text line's fields.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/mock/index.ts';
import { BASIC, send } from './requests.ts';

const text: string[] = [];
const json: string[] = [];
let mocks: MockServer[];
beforeAll(async () => {
  mocks = await Promise.all([
    startMockServer({ port: 0, log: (l) => text.push(l) }),
    startMockServer({ port: 0, logFormat: 'json', log: (l) => json.push(l) }),
  ]);
});
afterAll(() => Promise.all(mocks.map((m) => m.close())));

it('prints one JSON object per request with the same fields as the text line, and no header or body value', async () => {
  for (const mock of mocks) {
    await send(mock.url, 'create_subscriber_token', { body: { reference: 'alice@example.net', password: 'hunter2' } });
    await send(mock.url, 'reset_conference_token', { headers: { prefer: 'code=500' } });
  }
  expect(json).toHaveLength(2);
  const entries = json.map((line) => JSON.parse(line));
  expect(entries[0]).toEqual({
    method: 'POST',
    path: '/api/fabric/subscribers/tokens',
    status: 200,
    operationId: 'create_subscriber_token',
    ms: expect.any(Number),
    detail: 'tokens minted for the reference',
  });
  expect(entries[1]).toMatchObject({ status: 500, operationId: 'reset_conference_token', detail: 'scenario code=500' });
  entries.forEach((entry, i) => {
    expect(text[i]).toContain(`${entry.method} ${entry.path} -> ${entry.status} ${entry.operationId}`);
    expect(text[i]).toContain(entry.detail);
  });
  for (const line of json) for (const secret of ['hunter2', 'alice@example.net', BASIC.slice(6)]) expect(line).not.toContain(secret);
});

it('a request equal to a named request example names that example in its line (a spec name, never redacted)', async () => {
  const [mock] = mocks;
  text.length = 0;
  await send(mock!.url, 'issue_guest_token');
  expect(text).toHaveLength(1);
  expect(text[0]).toContain('- the request equals request example guest: scenario code=200 example=guest');
  expect(text[0]).not.toContain('…');
});
