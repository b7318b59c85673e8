// The one served-and-logged wrapper both handlers use: exactly one entry per
// request, whatever the handler did, and a logger that can never fail a request.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/errors.ts';
import { createProconfTokenHandler, createSignalWireTokenHandlers } from '../../src/server/index.ts';
import { chooseLogger, serveLogged, type Outcome } from '../../src/server/request-log.ts';

const ok = (facts: { outcome: Outcome }) => ({ response: new Response('{}', { status: 200 }), ...facts });

describe('serveLogged', () => {
  it('logs one entry with method, capped path, status, the facts and a duration; the query string never', async () => {
    const entries: object[] = [];
    const response = await serveLogged(
      new Request(`http://h/${'p'.repeat(300)}?token=s3cret`),
      async () => ok({ outcome: 'token' }),
      () => ok({ outcome: 'internal-error' }),
      (e) => entries.push(e),
    );
    expect(response.status).toBe(200);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ method: 'GET', status: 200, outcome: 'token', path: `/${'p'.repeat(199)}…` });
    expect(JSON.stringify(entries)).not.toContain('s3cret');
  });

  it('answers with the crash response when respond throws, and still logs it', async () => {
    const entries: { problem?: string }[] = [];
    const response = await serveLogged(
      new Request('http://h/x', { method: 'POST' }),
      async () => {
        throw new Error('boom');
      },
      (error) => ({ response: new Response(null, { status: 500 }), outcome: 'internal-error', problem: `crashed: ${(error as Error).message}` }),
      (e) => entries.push(e),
    );
    expect(response.status).toBe(500);
    expect(entries.map((e) => e.problem)).toEqual(['crashed: boom']);
  });

  it('a throwing logger does not fail the request', async () => {
    const response = await serveLogged(
      new Request('http://h/'),
      async () => ok({ outcome: 'token' }),
      () => ok({ outcome: 'internal-error' }),
      () => {
        throw new Error('log sink down');
      },
    );
    expect(response.status).toBe(200);
  });
});

describe('the handlers use it', () => {
  const throwing = () => {
    throw new Error('log sink down');
  };
  it('a bad logger option is a ConfigError in both handlers', () => {
    expect(() => chooseLogger('console' as never, () => {})).toThrow(ConfigError);
    expect(() => createProconfTokenHandler({ adminBaseUrl: 'http://127.0.0.1:9', authorize: () => ({}), logger: 1 as never })).toThrow(
      /logger must be a function or false/,
    );
    expect(() =>
      createSignalWireTokenHandlers({
        signalwire: { space: 'acme', projectId: 'p', apiToken: 't0ken-t0ken' },
        authorize: () => ({}),
        subscriber: () => ({ reference: 'r' }),
        logger: 1 as never,
      }),
    ).toThrow(/logger must be a function or false/);
  });

  it('a throwing logger leaves both handlers answering', async () => {
    const proconf = createProconfTokenHandler({ adminBaseUrl: 'http://127.0.0.1:9', authorize: () => ({}), logger: throwing });
    const signalwire = createSignalWireTokenHandlers({
      signalwire: { space: 'acme', projectId: 'p', apiToken: 't0ken-t0ken' },
      authorize: () => ({}),
      subscriber: () => ({ reference: 'r' }),
      logger: throwing,
    });
    expect((await proconf(new Request('http://h/nowhere'))).status).toBe(404);
    expect((await signalwire(new Request('http://h/nowhere'))).status).toBe(404);
  });

  it('the SignalWire handlers name the operation in the entry', async () => {
    const entries: { operation?: string; outcome?: string }[] = [];
    const signalwire = createSignalWireTokenHandlers({
      signalwire: { space: 'acme', projectId: 'p', apiToken: 't0ken-t0ken' },
      authorize: () => null,
      subscriber: () => ({ reference: 'r' }),
      logger: (e) => entries.push(e),
    });
    await signalwire(new Request('http://h/signalwire/tokens/guest', { method: 'POST', body: '{}' }));
    expect(entries).toMatchObject([{ operation: 'issue_guest_token', method: 'POST', path: '/signalwire/tokens/guest' }]);
  });
});
