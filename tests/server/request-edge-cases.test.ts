// The /proconfToken handler's edge cases, over real HTTP on 127.0.0.1: methods fetch refuses,
// a body already read by a parser, a trickling body, a token that does not
// grant what was sent, and a throwing adminHeaders hook.
import { afterEach, describe, expect, it } from 'vitest';
import { request as httpRequest } from 'node:http';
import { createProconfTokenHandler, toNodeListener, ConfigError, type RequestLogEntry } from '../../src/server/index.ts';
import { adminBackend, type Tamper } from './admin-backend.ts';
import { closeServers, serve } from '../support/local-server.ts';
import { ENVELOPES, authorizeFromTable, mintingAdminUrl, post, serveHandler } from './serve.ts';

const track = closeServers(afterEach);
const member = { role: 'member', room: 'standup', participantName: 'Priya' };

function rawRequest(url: string, method: string, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${url}/proconfToken`,
      { method, headers: { authorization: 'Bearer alice-session-7f3a9c', 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('methods undici refuses (point 13)', () => {
  // CONNECT never reaches a request listener (Node emits 'connect'); TRACE is the one undici refuses.
  for (const method of ['TRACE']) {
    it(`${method} gets the 404 envelope and one log line`, async () => {
      const s = await serveHandler({ adminBaseUrl: await mintingAdminUrl() });
      await track(s);
      const r = await rawRequest(s.url, method);
      expect(r.status).toBe(404);
      expect(JSON.parse(r.body)).toEqual(ENVELOPES[404]);
      expect(s.logs).toEqual([expect.objectContaining({ method, status: 404, outcome: 'not-found' })]);
    });
  }
});

describe('a body already read by a framework (point 14)', () => {
  it('answers the 500 envelope and logs one actionable line, even unauthenticated', async () => {
    const logs: RequestLogEntry[] = [];
    const handler = createProconfTokenHandler({ adminBaseUrl: await mintingAdminUrl(), authorize: authorizeFromTable, logger: (e) => logs.push(e) });
    const listener = toNodeListener(handler);
    // What express.json() does: read the stream, set req.body.
    const s = await serve((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => {
        text += c;
      });
      req.on('end', () => {
        (req as unknown as { body: unknown }).body = JSON.parse(text);
        listener(req, res);
      });
    });
    await track(s);
    for (const auth of ['Bearer alice-session-7f3a9c', 'Bearer nobody']) {
      const response = await post(s.url, JSON.stringify(member), { authorization: auth });
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual(ENVELOPES[500]);
    }
    expect(logs).toHaveLength(2);
    for (const entry of logs)
      expect(entry).toMatchObject({
        outcome: 'internal-error',
        problem: expect.stringContaining('already read by a body parser; mount the handler before it'),
      });
  });
});

describe('slow request bodies (point 15)', () => {
  it('a trickling body gets the documented 408 at the body deadline', async () => {
    const s = await serveHandler({ adminBaseUrl: await mintingAdminUrl(), bodyTimeoutMs: 300 });
    await track(s);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        await new Promise((r) => setTimeout(r, 250));
        if (sent++ > 200) return controller.close();
        controller.enqueue(new TextEncoder().encode(' '));
      },
    });
    const response = await post(s.url, body);
    expect(response.status).toBe(408);
    expect(await response.json()).toEqual({ data: null, error: { code: 408, message: 'Request body not received in time.' } });
    expect(s.logs).toEqual([expect.objectContaining({ status: 408, outcome: 'body-timeout' })]);
    expect(sent).toBeLessThan(200);
  });

  it('bodyTimeoutMs and timeoutMs over 2^31-1 are ConfigErrors naming the limit', async () => {
    const adminBaseUrl = await mintingAdminUrl();
    expect(() => createProconfTokenHandler({ adminBaseUrl, authorize: () => true, bodyTimeoutMs: 2 ** 31 })).toThrow(/bodyTimeoutMs .*at most 2147483647/);
    expect(() => createProconfTokenHandler({ adminBaseUrl, authorize: () => true, timeoutMs: 2 ** 31 })).toThrow(ConfigError);
  });
});

describe('the token passed on grants what was decided (point 16)', () => {
  const cases: [string, Tamper, number][] = [
    ['as asked (room normalised to lowercase)', (a) => a, 200],
    ['owner instead of member', (a) => ({ ...a, role: 'owner' }), 500],
    ['another room', (a) => ({ ...a, room: 'boardroom' }), 500],
    ['another participant', (a) => ({ ...a, participantName: 'Mallory' }), 500],
    ['already expired', (a) => ({ ...a, exp: Math.floor(Date.now() / 1000) - 60 }), 500],
  ];
  for (const [name, tamper, status] of cases) {
    it(`${name}: ${status}`, async () => {
      const admin = await adminBackend(tamper);
      await track(admin);
      const s = await serveHandler({ adminBaseUrl: admin.url });
      await track(s);
      const response = await post(s.url, JSON.stringify({ ...member, room: 'StandUp' }));
      expect(response.status).toBe(status);
      if (status === 500) {
        expect(await response.json()).toEqual(ENVELOPES[500]);
        expect(s.logs).toEqual([expect.objectContaining({ outcome: 'upstream-error', upstream: 'token-mismatch' })]);
      }
    });
  }
});

describe('logs tell the truth (point 17)', () => {
  it('a throwing adminHeaders hook is internal-error with failedHook adminHeaders', async () => {
    const s = await serveHandler({
      adminBaseUrl: await mintingAdminUrl(),
      adminHeaders: () => {
        throw new Error('vault down key=admin-secret-1234');
      },
    });
    await track(s);
    const response = await post(s.url, JSON.stringify(member));
    expect(response.status).toBe(500);
    expect(s.logs).toEqual([expect.objectContaining({ outcome: 'internal-error', failedHook: 'adminHeaders' })]);
    expect(JSON.stringify(s.logs)).not.toContain('admin-secret-1234');
  });
});
