// verifyApi against real servers: the Prism-based mock of every API, the
// shipped handler, and a server with the ProCONF sample code's bugs.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { allowRoles } from '../../src/server/index.ts';
import { formatReport, verifyApi, type VerifyResult } from '../../src/verify/index.ts';
import { mintingAdminUrl, serveHandler } from '../server/serve.ts';
import { serve, type Served } from '../support/local-server.ts';
import { sampleCodeListener } from './sample-bug-server.ts';

const BASIC = { Authorization: `Basic ${Buffer.from('project-1:PT-staging-token-5c1e').toString('base64')}` };
const BEARER = { Authorization: 'Bearer verify-bot-session-4b8e21' };
const CREDENTIALS: Record<string, Record<string, string>> = {
  'signalwire-video': BASIC,
  'signalwire-fabric': BASIC,
  'proconf-app': BEARER,
  'proconf-admin': {},
  'signalwire-app': BEARER,
};

const failures = (r: VerifyResult) => r.results.filter((c) => c.outcome === 'fail');

describe('against the Prism-based mock', () => {
  for (const api of Object.keys(CREDENTIALS)) {
    it(`${api}: every check passes, mutations allowed`, async () => {
      const result = await verifyApi({ api, target: inject('mockUrl'), credentials: CREDENTIALS[api], allowMutations: true });
      expect(failures(result), formatReport(result)).toEqual([]);
      expect(result.ok).toBe(true);
      expect(result.skipped).toBe(0);
      expect(result.passed).toBeGreaterThanOrEqual(3);
    });
  }

  it('without an opt-in, never sends credentials to a state-changing operation', async () => {
    const sent: Request[] = [];
    const fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      sent.push(request);
      return globalThis.fetch(request);
    };
    const result = await verifyApi({
      api: 'signalwire-fabric',
      target: inject('mockUrl'),
      credentials: BASIC,
      allowMutations: ['refresh_subscriber_token'],
      fetch,
    });
    const byOp = (op: string) => sent.filter((r) => new URL(r.url).pathname === op);
    // Only the credential-less check reaches the operations not opted in.
    expect(byOp('/api/fabric/subscribers/tokens').map((r) => r.headers.get('authorization'))).toEqual([null]);
    expect(byOp('/api/fabric/guests/tokens').map((r) => r.headers.get('authorization'))).toEqual([null]);
    expect(byOp('/api/fabric/subscribers/tokens/refresh').filter((r) => r.headers.get('authorization')).length).toBeGreaterThan(5);
    const skipped = result.results.filter((c) => c.outcome === 'skip');
    expect(skipped.length).toBeGreaterThan(10);
    expect(skipped.every((c) => c.operationId !== 'refresh_subscriber_token')).toBe(true);
    expect(formatReport(result)).toContain(
      'SKIP  create_subscriber_guest_token: valid example "created"\n      state-changing (issues a new guest credential in the project); opt in with --allow-mutations or --allow create_subscriber_guest_token',
    );
    expect(result.ok).toBe(true);
  });
});

describe('against createProconfTokenHandler (admin backend: the mock)', () => {
  it('passes every check when the verify user may receive the example roles', async () => {
    const s = await serveHandler({ adminBaseUrl: await mintingAdminUrl(), policy: allowRoles(['owner', 'member']) });
    try {
      const result = await verifyApi({ api: 'proconf-app', target: s.url, credentials: BEARER });
      expect(failures(result), formatReport(result)).toEqual([]);
      expect(result.results.map((r) => r.id)).toEqual(
        expect.arrayContaining([
          'get_proconf_token: body over 8192 bytes (otherwise valid)',
          'get_proconf_token: wrong method GET',
          'get_proconf_token: no credentials',
        ]),
      );
      // Each request logged once, and the log never holds the credential.
      expect(s.logs).toHaveLength(result.passed);
      expect(JSON.stringify(s.logs)).not.toContain('verify-bot-session');
    } finally {
      await s.close();
    }
  });

  it('with the default policy, reports exactly the owner example ("token") as refused', async () => {
    const s = await serveHandler({ adminBaseUrl: inject('mockUrl') });
    try {
      const result = await verifyApi({ api: 'proconf-app', target: s.url, credentials: BEARER });
      expect(failures(result)).toEqual([
        {
          id: 'get_proconf_token: valid example "token"',
          operationId: 'get_proconf_token',
          outcome: 'fail',
          status: 401,
          problems: ['expected 200, got 401'],
        },
      ]);
      expect(result.ok).toBe(false);
    } finally {
      await s.close();
    }
  });
});

describe("against a server with the ProCONF sample code's bugs", () => {
  let buggy: Served;
  let result: VerifyResult;
  beforeAll(async () => {
    buggy = await serve(sampleCodeListener(inject('mockUrl')));
    result = await verifyApi({ api: 'proconf-app', target: buggy.url, credentials: BEARER });
  });
  afterAll(() => buggy.close());

  it('fails, naming each violation', () => {
    const problems = Object.fromEntries(result.results.map((r) => [r.id, r.problems]));
    expect(result.ok).toBe(false);
    expect(problems['get_proconf_token: valid example "member"']).toEqual(['body/data must be string, got object']);
    expect(problems['get_proconf_token: no credentials']).toEqual(['expected 401, got 200', 'body/data must be string, got object']);
    expect(problems['get_proconf_token: body without required role']).toEqual(expect.arrayContaining(['expected 400, got 500', 'body/data is required']));
    expect(problems['get_proconf_token: body over 8192 bytes (otherwise valid)']).toContain('expected 413, got 200');
    expect(problems['get_proconf_token: wrong method GET']).toEqual([
      'content-type is "text/html; charset=utf-8", not application/json',
      'body is not JSON: "<pre>Cannot GET /proconfToken</pre>"',
    ]);
    expect(result.passed).toBe(0);
  });

  it('prints a FAIL line per check and the summary, never the credential', () => {
    const report = formatReport(result);
    expect(report).toContain('FAIL  get_proconf_token: valid example "token" -> 200\n      body/data must be string, got object');
    expect(report.split('\n').filter((l) => l.startsWith('FAIL')).length).toBe(result.failed);
    expect(report).toMatch(new RegExp(`verify proconf-app against ${buggy.url}: 0 passed, ${result.failed} failed, 0 skipped$`));
    expect(report).not.toContain('verify-bot-session');
  });
});
