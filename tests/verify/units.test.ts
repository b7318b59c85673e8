// The verifier's pure parts: credentials from the environment, invalid
// values that really are invalid, and reports that never carry a secret.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { ConfigError, credentialsFromDocument, credentialsFromEnv, credentialVariables, formatReport, verifyApi } from '../../src/verify/index.ts';
import { invalidValues } from '../../src/verify/invalid-values.ts';
import { apiNames, deref, operationSpec, loadDocument } from '../../src/verify/spec-document.ts';
import { specOperations } from '../../src/openapi-doc/index.ts';
import { PRECOMPILED_APIS } from '../../src/verify/precompiled.ts';
import { stateChange, STATE_CHANGES, STATELESS_OPERATIONS } from '../../src/verify/state-changing.ts';
import { serve } from '../support/local-server.ts';

describe("credentials from the spec's security schemes", () => {
  it('reads the variables each scheme names (x-verify-env) and builds its header', () => {
    expect(credentialsFromEnv('signalwire-fabric', { SIGNALWIRE_PROJECT_ID: 'p1', SIGNALWIRE_API_TOKEN: 'PTabc' })).toEqual({
      Authorization: `Basic ${btoa('p1:PTabc')}`,
    });
    expect(credentialsFromEnv('signalwire-video', { SIGNALWIRE_PROJECT_ID: 'p1' })).toBeUndefined();
    expect(credentialsFromEnv('proconf-app', { PROCONF_BEARER: 'tok' })).toEqual({ Authorization: 'Bearer tok' });
    expect(credentialsFromEnv('signalwire-app', { SIGNALWIRE_APP_BEARER: 'tok2' })).toEqual({ Authorization: 'Bearer tok2' });
    // An apiKey scheme: the header it names, with the variable's value.
    expect(credentialsFromEnv('proconf-admin', { PROCONF_ADMIN_CREDENTIAL: 'Key k1' })).toEqual({ Authorization: 'Key k1' });
    expect(credentialsFromEnv('proconf-admin', {})).toBeUndefined();
    // An API that is not bundled: a typed error naming the known ones.
    expect(() => credentialsFromEnv('no-such-api', {})).toThrow(ConfigError);
  });

  it('every bundled API has precompiled validators (no runtime schema compiler for them)', () => {
    expect([...PRECOMPILED_APIS].sort()).toEqual(apiNames());
  });

  it('every bundled API names its variables in its help line', () => {
    const lines = Object.fromEntries(apiNames().map((api) => [api, credentialVariables(api)]));
    expect(lines).toEqual({
      'proconf-admin': 'PROCONF_ADMIN_CREDENTIAL (the Authorization header), optional',
      'proconf-app': 'PROCONF_BEARER (sent as Bearer)',
      'signalwire-app': 'SIGNALWIRE_APP_BEARER (sent as Bearer)',
      'signalwire-fabric': 'SIGNALWIRE_PROJECT_ID and SIGNALWIRE_API_TOKEN (HTTP Basic)',
      'signalwire-video': 'SIGNALWIRE_PROJECT_ID and SIGNALWIRE_API_TOKEN (HTTP Basic)',
    });
  });

  it('follows the spec: a scheme without x-verify-env gets a variable named after it; a new scheme needs no code', () => {
    const doc = {
      paths: { '/things': { post: { responses: { '200': {} }, security: [{ PartnerKey: [] }, { StaffLogin: [] }] } } },
      components: { securitySchemes: { PartnerKey: { type: 'apiKey', in: 'header', name: 'X-Partner-Key' }, StaffLogin: { type: 'http', scheme: 'basic' } } },
    };
    expect(credentialVariables(doc)).toBe('PARTNER_KEY (the X-Partner-Key header), or STAFF_LOGIN_USERNAME and STAFF_LOGIN_PASSWORD (HTTP Basic)');
    expect(credentialsFromDocument(doc, { PARTNER_KEY: 'pk' })).toEqual({ 'X-Partner-Key': 'pk' });
    expect(credentialsFromDocument(doc, { STAFF_LOGIN_USERNAME: 'u', STAFF_LOGIN_PASSWORD: 'p' })).toEqual({ Authorization: `Basic ${btoa('u:p')}` });
    expect(credentialsFromDocument(doc, { STAFF_LOGIN_USERNAME: 'u' })).toBeUndefined();
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
      for (const op of specOperations(doc).map((o) => operationSpec(doc, o))) {
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
        .flatMap((api) => {
          const doc = loadDocument(api);
          return specOperations(doc).map((o) => operationSpec(doc, o));
        })
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
