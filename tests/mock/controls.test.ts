// Test-suite helpers, in-process and over HTTP (/__mock/): recorded requests
// without credentials, responses forced for the next call(s) of one
// operation, reset; and the vitest globalSetup helper that shares one mock.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  connectMock,
  MOCK_URL_ENV,
  MOCK_URL_KEY,
  MockControlError,
  mockGlobalSetup,
  startMockServer,
  type MockControls,
  type MockServer,
} from '../../src/mock/index.ts';
import { responseExamples } from '../support/spec-schemas.ts';
import { BASIC, send } from './requests.ts';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ port: 0 });
});
afterAll(() => mock.close());

const both: Array<[string, () => MockControls]> = [
  ['in-process', () => mock],
  ['over HTTP', () => connectMock(mock.url)],
];

describe.each(both)('mock controls (%s)', (_label, controls) => {
  beforeEach(() => controls().reset());

  it('records method, path, operation, body and status, never a credential', async () => {
    await send(mock.url, 'create_subscriber_token', { body: { reference: 'alice@example.net', password: 'hunter2-secret' }, query: '?__code=200' });
    await send(mock.url, 'refresh_subscriber_token', { body: { refresh_token: 'eyJsecret-refresh..x.y.z' } });
    await fetch(`${mock.url}/api/fabric/nowhere`, { method: 'POST', headers: { authorization: BASIC } });
    const recorded = await controls().requests();
    expect(recorded).toEqual([
      {
        method: 'POST',
        path: '/api/fabric/subscribers/tokens',
        operationId: 'create_subscriber_token',
        body: { reference: 'alice@example.net', password: '[redacted]' },
        status: 200,
      },
      {
        method: 'POST',
        path: '/api/fabric/subscribers/tokens/refresh',
        operationId: 'refresh_subscriber_token',
        body: { refresh_token: '[redacted]' },
        status: 201,
      },
      { method: 'POST', path: '/api/fabric/nowhere', status: 404 },
    ]);
    const text = JSON.stringify(recorded);
    for (const secret of ['hunter2', 'eyJsecret', BASIC.slice(6), 'demo-api-token']) expect(text).not.toContain(secret);
  });

  it('forces the next call of one operation, then serves normally again', async () => {
    await controls().once('create_subscriber_guest_token', { status: 422 });
    const forced = await send(mock.url, 'create_subscriber_guest_token');
    const next = await send(mock.url, 'create_subscriber_guest_token');
    expect([forced.status, forced.body]).toEqual([422, Object.values(responseExamples('signalwire-fabric', '/api/fabric/guests/tokens', 422))[0]]);
    expect(next.status).toBe(201);
  });

  it("forces a named example for several calls, over the request's own Prefer header, queued in order", async () => {
    await controls().once('reset_conference_token', { example: 'expired_credential', times: 2 });
    await controls().once('reset_conference_token', { status: 500 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await send(mock.url, 'reset_conference_token', { headers: { prefer: 'code=404' } })).status);
    expect(statuses).toEqual([401, 401, 500, 404]);
  });

  it('refuses an unknown operation or an undocumented scenario with a clear error', async () => {
    await expect(controls().once('no_such_op', { status: 500 })).rejects.toThrow(MockControlError);
    await expect(controls().once('no_such_op', { status: 500 })).rejects.toThrow(/no operation "no_such_op".*create_subscriber_token/);
    await expect(controls().once('reset_conference_token', { status: 418 })).rejects.toThrow(/status 418 is not documented/);
    await expect(controls().once('reset_conference_token', { status: 500, times: 0 })).rejects.toThrow(/times must be a positive integer/);
  });

  it('reset clears recorded requests and forced responses', async () => {
    await controls().once('get_proconf_token', { status: 500 });
    await send(mock.url, 'create_proconf_token');
    await controls().reset();
    expect(await controls().requests()).toEqual([]);
    expect((await send(mock.url, 'get_proconf_token')).status).toBe(200);
  });
});

describe('HTTP controls', () => {
  it('answers an unknown control path or a malformed body with a problem naming what exists', async () => {
    const unknown = await fetch(`${mock.url}/__mock/nope`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).detail).toContain('GET /requests, POST /once and POST /reset');
    const bad = await fetch(`${mock.url}/__mock/once`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(bad.status).toBe(400);
  });

  it('connectMock without a URL or environment variable says how to get one', () => {
    const saved = process.env[MOCK_URL_ENV];
    delete process.env[MOCK_URL_ENV];
    try {
      expect(() => connectMock()).toThrow(/mockGlobalSetup/);
    } finally {
      if (saved !== undefined) process.env[MOCK_URL_ENV] = saved;
    }
  });

  it("connectMock to a URL where no mock answers rejects with MockControlError naming the URL, not fetch's bare TypeError", async () => {
    // A port that was free a moment ago: nothing listens there.
    const server = createServer();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    await new Promise((done) => server.close(done));
    const remote = connectMock(`http://127.0.0.1:${port}`);
    for (const call of [() => remote.requests(), () => remote.reset(), () => remote.once('reset_conference_token', { status: 500 })]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MockControlError);
      expect((error as Error).message).toMatch(
        new RegExp(`no mock answered at http://127\\.0\\.0\\.1:${port} \\((GET|POST) /__mock/\\w+\\): is it running\\?`),
      );
    }
  });
});

describe('mockGlobalSetup', () => {
  it('starts one mock, provides its URL and sets the environment for connectMock, and stops it in teardown', async () => {
    const provided: Record<string, unknown> = {};
    const saved = process.env[MOCK_URL_ENV];
    const teardown = await mockGlobalSetup()({ provide: (key, value) => (provided[key] = value) });
    try {
      const url = provided[MOCK_URL_KEY] as string;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(process.env[MOCK_URL_ENV]).toBe(url);
      expect((await send(url, 'get_proconf_token')).status).toBe(200);
      expect(await connectMock().requests()).toHaveLength(1);
    } finally {
      await teardown();
      if (saved === undefined) delete process.env[MOCK_URL_ENV];
      else process.env[MOCK_URL_ENV] = saved;
    }
    await expect(fetch(`${provided[MOCK_URL_KEY]}/__mock/requests`)).rejects.toThrow();
  });
});

describe('bounded memory', () => {
  it('keeps only the latest 1000 requests of a long run', async () => {
    const { ControlState, MAX_RECORDED } = await import('../../src/mock/controls.ts');
    const controls = new ControlState(() => []);
    for (let i = 0; i < MAX_RECORDED + 5; i++) controls.record({ method: 'POST', path: `/r/${i}`, status: 200 });
    const kept = controls.requests();
    expect(kept).toHaveLength(MAX_RECORDED);
    expect(kept[0]!.path).toBe('/r/5');
    // Past the point where the list is trimmed, still the latest 1000.
    for (let i = MAX_RECORDED + 5; i < 3 * MAX_RECORDED + 7; i++) controls.record({ method: 'POST', path: `/r/${i}`, status: 200 });
    const later = controls.requests();
    expect(later).toHaveLength(MAX_RECORDED);
    expect(later[0]!.path).toBe(`/r/${2 * MAX_RECORDED + 7}`);
    expect(later.at(-1)!.path).toBe(`/r/${3 * MAX_RECORDED + 6}`);
  });
});
