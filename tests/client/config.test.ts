// Bad configuration fails at construction, saying what to fix, and never
// echoing the secret it was given.
import { describe, expect, it } from 'vitest';
import { ConfigError, createSignalWireClient } from '../../src/signalwire/index.ts';
import { createProconfAdminClient, createProconfAppClient } from '../../src/proconf/index.ts';
import { spaceBaseUrl } from '../../src/signalwire/config.ts';
import { servers } from '../../generated/operations.ts';

const good = { space: 'acme', projectId: 'p-1', apiToken: 'PTsecret-do-not-show' };

function configError(make: () => unknown): ConfigError {
  try {
    make();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as Error).message).not.toContain(good.apiToken);
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('SignalWire config', () => {
  for (const space of ['evil.example/x', 'a@b', 'my space', '', 'acme.signalwire.com', '-acme', 'a'.repeat(64), 'x\ny']) {
    it(`rejects the space ${JSON.stringify(space)}`, () => {
      expect(configError(() => createSignalWireClient({ ...good, space })).message).toMatch(/space must be your Space name alone, a DNS label/);
    });
  }

  it('accepts a DNS label space', () => {
    expect(() => createSignalWireClient({ ...good, space: 'acme-video-01' })).not.toThrow();
  });

  it('needs a project id and an API token', () => {
    expect(configError(() => createSignalWireClient({ ...good, projectId: '' })).message).toMatch(/^projectId is required/);
    expect(configError(() => createSignalWireClient({ ...good, apiToken: undefined as never })).message).toMatch(/^apiToken is required/);
    expect(configError(() => createSignalWireClient(undefined as never)).message).toMatch(/space, projectId, apiToken/);
  });

  it('refuses Basic credentials over plain http to a non-loopback host', () => {
    expect(configError(() => createSignalWireClient({ ...good, baseUrl: 'http://proxy.internal:8080' })).message).toMatch(
      /plain http: to proxy\.internal, sending credentials unencrypted/,
    );
  });

  for (const baseUrl of ['http://127.0.0.1:4010', 'http://localhost:4010', 'http://[::1]:4010', 'https://proxy.internal']) {
    it(`allows ${baseUrl}`, () => {
      expect(() => createSignalWireClient({ ...good, baseUrl })).not.toThrow();
    });
  }

  it('rejects credentials embedded in the base URL and non-http schemes', () => {
    expect(configError(() => createSignalWireClient({ ...good, baseUrl: 'https://u:p@proxy.internal' })).message).toMatch(/user:password@/);
    expect(configError(() => createSignalWireClient({ ...good, baseUrl: 'ftp://proxy.internal' })).message).toMatch(/https:/);
    expect(configError(() => createSignalWireClient({ ...good, baseUrl: 'not a url' })).message).toMatch(/absolute http\(s\) URL/);
  });

  it('rejects a timeout that is not a positive number', () => {
    expect(configError(() => createSignalWireClient({ ...good, timeoutMs: 0 })).message).toMatch(/timeoutMs must be a positive number/);
    expect(configError(() => createSignalWireClient({ ...good, timeoutMs: Number.NaN })).message).toMatch(/timeoutMs/);
  });
});

describe('ProCONF config', () => {
  it('the app client needs a baseUrl outside a browser', () => {
    expect(configError(() => createProconfAppClient()).message).toMatch(/baseUrl is required outside a browser page/);
  });

  it('the app client refuses to send a credential over plain http to a remote host', () => {
    expect(configError(() => createProconfAppClient({ baseUrl: 'http://app.acme.test', credentials: () => 't' })).message).toMatch(/plain http/);
  });

  it('the admin client wants the origin without /api', () => {
    expect(configError(() => createProconfAdminClient({ baseUrl: 'https://admin.acme.test/api' })).message).toMatch(/without the \/api suffix/);
  });

  it('hooks must be functions', () => {
    expect(configError(() => createProconfAdminClient({ baseUrl: 'https://admin.acme.test', headers: { a: 'b' } as never })).message).toMatch(
      /headers must be a function/,
    );
    expect(configError(() => createProconfAppClient({ baseUrl: 'https://app.acme.test', credentials: 'tok' as never })).message).toMatch(
      /credentials must be a function/,
    );
  });
});

describe('the Space URL', () => {
  it('is the one server template both SignalWire specs name (one client serves both APIs from one base URL)', () => {
    expect(servers['signalwire-video']).toBe(servers['signalwire-fabric']);
    expect(spaceBaseUrl('Acme')).toBe(servers['signalwire-fabric'].replace('{space_name}', 'acme'));
  });
});
