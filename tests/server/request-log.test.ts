// The one log entry both handlers write: exactly one entry per request,
// whatever the handler did, and a logger that can never fail a request.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/errors.ts';
import { createProconfTokenHandler, createSignalWireTokenHandlers } from '../../src/server/index.ts';
import { chooseLogger, logServed, requestUrl, type Outcome } from '../../src/server/request-log.ts';

const ok = (facts: { outcome: Outcome }) => ({ response: new Response('{}', { status: 200 }), ...facts });

describe('logServed', () => {
  it('logs one entry with method, capped path, status, the facts and a duration; the query string never', () => {
    const entries: object[] = [];
    const request = new Request(`http://h/${'p'.repeat(300)}?token=s3cret`);
    logServed((e) => entries.push(e), request.method, requestUrl(request), ok({ outcome: 'token' }), performance.now());
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ method: 'GET', status: 200, outcome: 'token', path: `/${'p'.repeat(199)}…` });
    expect(entries[0]).toHaveProperty('durationMs');
    expect(JSON.stringify(entries)).not.toContain('s3cret');
  });

  it('a throwing logger does not throw', () => {
    const request = new Request('http://h/');
    expect(() =>
      logServed(
        () => {
          throw new Error('log sink down');
        },
        request.method,
        requestUrl(request),
        ok({ outcome: 'token' }),
        performance.now(),
      ),
    ).not.toThrow();
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
