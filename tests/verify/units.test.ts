// The verifier's pure parts: credentials from the environment, invalid
// values that really are invalid, and reports that never carry a secret.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { ConfigError, credentialsFromEnv, formatReport, verifyApi } from '../../src/verify/index.ts';
import { invalidValues } from '../../src/verify/invalid-values.ts';
import { apiNames, deref, listOperations, loadDocument } from '../../src/verify/spec-document.ts';
import { stateChange, STATE_CHANGES, STATELESS_OPERATIONS } from '../../src/verify/state-changing.ts';
import { serve } from '../support/local-server.ts';

describe('credentialsFromEnv', () => {
  it('builds Basic from the SignalWire variables, Bearer for proconf-app, headers JSON for proconf-admin', () => {
    expect(credentialsFromEnv('signalwire-fabric', { SIGNALWIRE_PROJECT_ID: 'p1', SIGNALWIRE_API_TOKEN: 'PTabc' })).toEqual({
      Authorization: `Basic ${btoa('p1:PTabc')}`,
    });
    expect(credentialsFromEnv('signalwire-video', { SIGNALWIRE_PROJECT_ID: 'p1' })).toBeUndefined();
    expect(credentialsFromEnv('proconf-app', { PROCONF_BEARER: 'tok' })).toEqual({ Authorization: 'Bearer tok' });
    expect(credentialsFromEnv('proconf-admin', { PROCONF_ADMIN_HEADERS: '{"x-key":"k1"}' })).toEqual({ 'x-key': 'k1' });
  });

  it('refuses malformed PROCONF_ADMIN_HEADERS without echoing it', () => {
    const attempt = () => credentialsFromEnv('proconf-admin', { PROCONF_ADMIN_HEADERS: 'Bearer s3cret-admin-value' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).not.toThrow(/s3cret/);
  });
});

describe('invalid values derived from the schemas', () => {
  const ajv = new Ajv2020.default({ strict: false });
  addFormats.default(ajv);
  ajv.addFormat('jwt', true).addFormat('int64', true);

  for (const api of ['signalwire-video', 'signalwire-fabric', 'proconf-app']) {
    it(`${api}: every value violates the schema it was derived from, and there is one per constrained keyword`, () => {
      const doc = loadDocument(api);
      const resolveSchema = (s: Record<string, unknown>) => deref(doc, s);
      let count = 0;
      for (const op of listOperations(doc)) {
        const schemas = [...op.pathParams.map((p) => p.schema), ...Object.values<Record<string, unknown>>(op.body?.schema.properties ?? {})];
        for (const schema of schemas) {
          // Inline the one level of $ref the derivation follows (array items).
          const resolved = resolveSchema(schema);
          const validate = ajv.compile(resolved.items ? { ...resolved, items: resolveSchema(resolved.items) } : resolved);
          for (const bad of invalidValues(schema, resolveSchema)) {
            count++;
            expect(validate(bad.value), `${op.operationId} ${bad.label}`).toBe(false);
          }
        }
      }
      expect(count).toBeGreaterThan(0);
    });
  }
});

describe('state-changing operations', () => {
  it('reads x-state-changing from the specs: every SignalWire token POST and unknown POSTs, not the stateless ProCONF tokens', () => {
    const ops = Object.fromEntries(
      apiNames()
        .flatMap((api) => listOperations(loadDocument(api)))
        .map((op) => [op.operationId, op]),
    );
    for (const id of ['reset_conference_token', 'create_subscriber_token', 'refresh_subscriber_token', 'create_subscriber_guest_token']) {
      expect(stateChange(ops[id]!), id).toBe(STATE_CHANGES[id]);
      expect(STATE_CHANGES[id], id).toMatch(/\w{3,}/);
    }
    expect(stateChange({ method: 'POST' }), 'an operation whose spec is silent').toBeTruthy();
    expect(stateChange(ops.get_proconf_token!)).toBeUndefined();
    expect(stateChange(ops.create_proconf_token!)).toBeUndefined();
    expect(Object.keys(STATELESS_OPERATIONS).sort()).toEqual(['create_proconf_token', 'get_proconf_token']);
  });
});

describe('reports', () => {
  it('scrub a credential that a server echoes back', async () => {
    const secret = 'echoed-secret-token-77aa';
    const echo = await serve((req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(`you sent ${req.headers.authorization}`));
    try {
      const result = await verifyApi({ api: 'proconf-app', target: echo.url, credentials: { Authorization: `Bearer ${secret}` } });
      const report = formatReport(result);
      expect(result.ok).toBe(false);
      expect(report).toContain('body is not JSON: "you sent [REDACTED]"');
      expect(report).not.toContain(secret);
    } finally {
      await echo.close();
    }
  });

  it('refuses an unknown api and plain http to a remote host with credentials', async () => {
    await expect(verifyApi({ api: 'nope', target: 'http://127.0.0.1:1' })).rejects.toThrow(/unknown api "nope"; one of: .*proconf-app/);
    await expect(verifyApi({ api: 'proconf-app', target: 'http://staging.example.com', credentials: { Authorization: 'Bearer x' } })).rejects.toThrow(
      /unencrypted/,
    );
  });
});
