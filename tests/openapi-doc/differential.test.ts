// One stream of request instances per operation, judged by every component
// that decides "is this request valid?": the generated validators the client
// ships, the verifier's JSON Schema 2020-12 validator, the verifier's own
// checks (what status they expect), and the mock over real HTTP. Any
// disagreement fails, so the mock can never again refuse what the spec and
// the client allow (an `expire_at` above 2^53-1 once got a 422 from the mock).
import fc from 'fast-check';
import { describe, expect, inject, it } from 'vitest';
import { validators as proconfAdmin } from '../../generated/validators/proconf-admin.ts';
import { validators as proconfApp } from '../../generated/validators/proconf-app.ts';
import { validators as signalwireApp } from '../../generated/validators/signalwire-app.ts';
import { validators as fabric } from '../../generated/validators/signalwire-fabric.ts';
import { validators as video } from '../../generated/validators/signalwire-video.ts';
import { checksFor, documentedBodyLimit } from '../../src/verify/checks.ts';
import { resolveRef } from '../../src/openapi-doc/index.ts';
import { apiNames, deref, type OperationSpec, type Schema } from '../../src/verify/spec-document.ts';
import { BASIC, BEARER } from '../mock/requests.ts';
import { specApi } from '../support/spec-schemas.ts';

const url = inject('mockUrl');
const GENERATED = { ...video, ...fabric, ...signalwireApp, ...proconfApp, ...proconfAdmin } as Record<string, { request: (data: unknown) => boolean }>;

/** One request: raw body text (so numbers beyond 2^53 reach the server as written) and path values. */
interface Instance {
  label: string;
  params: Record<string, string>;
  body?: string;
  /** Statuses verify's own check for this instance expects, when it comes from verify. */
  verifyExpects?: number[];
}

const UNICODE = ['Zoë Ångström', '北京会议室', '🎉🎉', 'e\u0301', '\u200b', 'عربي', 'a\u0000b'];
const HUGE = ['9007199254740991', '9007199254740992', '9007199254740993', '18446744073709551616', '99999999999999999999999', '1e308', '-9007199254740993'];

/** Values around each keyword's boundary, plus the hostile classics, for one property schema. */
function candidates(schema: Schema, resolveSchema: (s: Schema) => Schema, seed: number): string[] {
  const s = resolveSchema(schema);
  const types: string[] = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  const out: unknown[] = [null, true, {}, [], '', 0];
  if (types.includes('string')) {
    out.push('x', 'x'.repeat(5000), ...UNICODE, ...fc.sample(fc.string({ unit: 'grapheme', maxLength: 60 }), { seed, numRuns: 6 }));
    for (const n of [s.minLength, s.maxLength].filter((v): v is number => typeof v === 'number')) {
      out.push('a'.repeat(Math.max(n - 1, 0)), 'a'.repeat(n), 'a'.repeat(n + 1), '🎉'.repeat(n), 'é'.repeat(n + 1));
    }
    if (s.format === 'uuid')
      out.push(
        'c22d24f6-5a47-4597-9a23-c7d01e696b92',
        'C22D24F6-5A47-4597-9A23-C7D01E696B92',
        '00000000-0000-0000-0000-000000000000',
        'urn:uuid:c22d24f6-5a47-4597-9a23-c7d01e696b92',
        'c22d24f6-5a47-4597-9a23-c7d01e696b9',
        'not-a-uuid',
      );
    if (Array.isArray(s.enum)) out.push(...s.enum, String(s.enum[0]).toUpperCase(), ` ${s.enum[0]}`);
  }
  if (types.includes('integer') || types.includes('number')) out.push(-1, 1, 1.5, 1795370400, -0.5, '1795370400');
  if (types.includes('array')) {
    const item = resolveSchema(s.items ?? {});
    const good = item.example ?? 'x';
    for (const n of [0, 1, s.maxItems, (s.maxItems ?? 0) + 1].filter((v): v is number => typeof v === 'number'))
      out.push(Array.from({ length: n }, () => good));
    out.push([null], [1], [''], ['not-a-uuid'], [good, good]);
  }
  const json = out.map((v) => JSON.stringify(v));
  // Numbers are spliced in as written: JSON.stringify cannot express 1e400 or keep 2^64 exact.
  if (types.includes('integer') || types.includes('number')) json.push(...HUGE, '1e400', '-1e400');
  return json;
}

function withProperty(base: Record<string, unknown>, name: string, rawValue: string): string {
  const rest = JSON.stringify({ ...base, [name]: undefined });
  const inner = rest.slice(1, -1);
  return `{${inner}${inner ? ',' : ''}${JSON.stringify(name)}:${rawValue}}`;
}

function streamFor(op: OperationSpec, resolveSchema: (s: Schema) => Schema): Instance[] {
  const params = Object.fromEntries(op.pathParams.map((p) => [p.name, String(p.example)]));
  const instances: Instance[] = [];
  const base = op.body?.examples[0]?.value as Record<string, unknown> | undefined;
  const bodyText = base === undefined ? undefined : JSON.stringify(base);
  for (const ex of op.body?.examples ?? []) instances.push({ label: `example ${ex.name}`, params, body: JSON.stringify(ex.value) });
  for (const p of op.pathParams) {
    for (const raw of candidates(p.schema, resolveSchema, 1)) {
      const value = JSON.parse(raw);
      if (typeof value === 'string' && value !== '' && value.length < 2000 && !value.includes('\u0000'))
        instances.push({ label: `path ${p.name}=${raw.slice(0, 40)}`, params: { ...params, [p.name]: value }, body: bodyText });
    }
  }
  if (base && op.body) {
    const schema = op.body.schema;
    let seed = 1;
    for (const [name, prop] of Object.entries<Schema>(schema.properties ?? {})) {
      for (const raw of candidates(prop, resolveSchema, seed++))
        instances.push({ label: `${name}=${raw.slice(0, 40)}`, params, body: withProperty(base, name, raw) });
    }
    for (const name of schema.required ?? []) instances.push({ label: `without ${name}`, params, body: JSON.stringify({ ...base, [name]: undefined }) });
    instances.push(
      { label: 'unknown property', params, body: withProperty(base, 'unknown_property', '"x"') },
      { label: 'empty object', params, body: '{}' },
      { label: 'null body', params, body: 'null' },
      { label: 'array body', params, body: `[${bodyText}]` },
      { label: 'string body', params, body: '"text"' },
    );
  }
  // verify's own requests join the stream with the statuses verify expects.
  for (const check of checksFor(op, { resolveSchema })) {
    if (check.method !== op.method || !check.credentials) continue; // wrong-method and no-credential checks are not about the schema
    const id = /\/([^/]+)\/reset$/.exec(check.path)?.[1];
    instances.push({
      label: `verify: ${check.label}`,
      params: id ? { id: decodeURIComponent(id) } : params,
      ...(check.body !== undefined && { body: check.body }),
      verifyExpects: check.expect,
    });
  }
  return instances;
}

// The provider APIs take Basic; the app-server specs (proconf-app, signalwire-app) take the app's own bearer.
const authFor = (api: string) => (api === 'proconf-app' || api === 'signalwire-app' ? BEARER : api.startsWith('signalwire-') ? BASIC : undefined);

describe('differential: generated validator, verify and the mock agree on every instance', () => {
  for (const api of apiNames()) {
    // The document, operations and validator the other spec tests use (built once per worker).
    const { doc, ops, validate: bodyValidator } = specApi(api);
    const resolveSchema = (s: Schema) => deref(doc, s);
    for (const op of ops) {
      it(`${api} ${op.operationId}`, async () => {
        const raw = doc.paths[op.path]![op.method.toLowerCase()];
        const base = `/paths/${op.path.replace(/~/g, '~0').replace(/\//g, '~1')}/${op.method.toLowerCase()}`;
        const bodyPointer = raw.requestBody ? `${resolveRef(doc, raw.requestBody, `${base}/requestBody`).pointer}/content/application~1json/schema` : undefined;
        const paramPointers = (raw.parameters ?? []).map((p: unknown, i: number) => ({
          name: resolveRef(doc, p, '').node?.name as string,
          pointer: `${resolveRef(doc, p, `${base}/parameters/${i}`).pointer}/schema`,
        }));
        const limit = documentedBodyLimit(op);
        const stream = streamFor(op, resolveSchema);
        const results = await Promise.all(
          stream.map(async (inst) => {
            let parsed: unknown;
            let parses = inst.body === undefined;
            if (inst.body !== undefined) {
              try {
                parsed = JSON.parse(inst.body);
                parses = true;
              } catch {}
            }
            const hasBody = inst.body !== undefined && parses;
            const generated =
              parses && GENERATED[op.operationId]!.request({ path: inst.params, ...(hasBody && { body: parsed }) }) && (!op.body?.required || hasBody);
            const verify =
              parses &&
              (bodyPointer === undefined || (hasBody ? bodyValidator(bodyPointer, parsed).length === 0 : !op.body?.required)) &&
              paramPointers.every((p: { name: string; pointer: string }) => bodyValidator(p.pointer, inst.params[p.name]).length === 0);
            const path = op.path.replace(/\{([^}]+)\}/g, (_m, n: string) => encodeURIComponent(inst.params[n] ?? ''));
            const auth = authFor(api);
            const response = await fetch(url + path, {
              method: op.method,
              headers: {
                accept: 'application/json',
                ...(auth && { authorization: auth }),
                ...(inst.body !== undefined && { 'content-type': 'application/json' }),
              },
              body: inst.body,
            });
            await response.arrayBuffer();
            return { inst, generated, verify, status: response.status, bytes: Buffer.byteLength(inst.body ?? '') };
          }),
        );
        const disagreements: string[] = [];
        for (const r of results) {
          const oversize = limit !== undefined && r.bytes > limit;
          const mock = oversize ? r.status === 413 : r.status < 300;
          const expectedSchemaVerdict = oversize ? true : r.generated;
          const verdicts = { generated: r.generated, verify: r.verify, mock: oversize ? r.generated : mock };
          const verifyCheck = r.inst.verifyExpects === undefined || r.inst.verifyExpects.includes(r.status);
          const agree =
            verdicts.generated === verdicts.verify &&
            verdicts.verify === verdicts.mock &&
            verifyCheck &&
            (!oversize || r.status === 413) &&
            expectedSchemaVerdict !== undefined;
          // A refusal must be the documented one (400/422), never a crash or an undocumented status.
          const documented = op.responses.has(r.status);
          if (!agree || !documented)
            disagreements.push(
              `${r.inst.label}: generated=${verdicts.generated} verify=${verdicts.verify} mock=${r.status}${r.inst.verifyExpects ? ` (verify expects ${r.inst.verifyExpects.join('/')})` : ''}`,
            );
        }
        expect(disagreements).toEqual([]);
        // The stream really covers both sides.
        expect(results.filter((r) => r.generated).length).toBeGreaterThan(0);
        expect(results.filter((r) => !r.generated).length).toBeGreaterThan(5);
      });
    }
  }

  it('the expire_at case: 2^53 and beyond are valid everywhere, a fraction is refused everywhere', async () => {
    const validate = GENERATED.create_subscriber_token!.request;
    for (const raw of ['9007199254740993', '18446744073709551616', '99999999999999999999999']) {
      const body = `{"reference":"alice@example.net","expire_at":${raw}}`;
      expect(validate({ body: JSON.parse(body) }), raw).toBe(true);
      const response = await fetch(`${url}/api/fabric/subscribers/tokens`, {
        method: 'POST',
        headers: { authorization: BASIC, 'content-type': 'application/json' },
        body,
      });
      expect(response.status, raw).toBe(200);
    }
    const fraction = await fetch(`${url}/api/fabric/subscribers/tokens`, {
      method: 'POST',
      headers: { authorization: BASIC, 'content-type': 'application/json' },
      body: '{"reference":"r","expire_at":1.5}',
    });
    expect(fraction.status).toBe(422);
    expect(validate({ body: { reference: 'r', expire_at: 1.5 } })).toBe(false);
  });
});
