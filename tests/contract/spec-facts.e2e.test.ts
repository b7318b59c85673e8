// No fact of the specs is copied into code: in a temporary copy of the
// repository, change what the specs say (a body limit, the wrong-method
// answer, error messages, a refresh token's lifetime, a specific 422 code, a
// state-changing flag, a credential's variable, the Space server URL), run
// `npm run generate` there, and run that copy's mock, `verify` and SignalWire
// client (spec-facts-script.ts). Each changed value must come out of them; a
// copy of the old one in src/ fails its step. The handlers are held to the same in tests/server/spec-facts.test.ts.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';

const repo = join(import.meta.dirname, '..', '..');
const copy = mkdtempSync(join(tmpdir(), 'rtc-spec-facts-'));
const run = promisify(execFile);

/** The changed values, each unlike anything the bundled specs say. */
const CHANGED = {
  bodyLimit: 2048,
  refreshLifetime: 600,
  tooLarge: 'Too big for us.',
  notFound: 'Nothing here.',
  wrongMethod: { status: 405, body: { data: null, error: { code: 405, message: 'Use POST.' } } },
  addressCode: 'too_many_addresses',
  addressMessage: 'Ten addresses at most.',
  adminStateChange: 'test: hands out a seat',
  bearerVariable: 'SPEC_FACTS_BEARER',
  spaceServer: 'https://{space_name}.fabric.example',
} as const;

type Doc = ReturnType<typeof parseDocument>;

/** Edits one YAML file of the copy through the yaml document model (comments and layout kept). */
function edit(file: string, change: (doc: Doc) => void) {
  const path = join(copy, 'openapi', file);
  const doc = parseDocument(readFileSync(path, 'utf8'));
  change(doc);
  writeFileSync(path, String(doc));
}

/** Sets a value whose parent exists (a mistyped path would add a new node and change nothing the test means). */
function set(doc: Doc, path: (string | number)[], value: unknown) {
  if (!doc.hasIn(path.slice(0, -1))) throw new Error(`no ${path.slice(0, -1).join(' > ')} to change`);
  doc.setIn(path, value);
}

function changeSpecs() {
  const op = ['paths', '/proconfToken', 'post'];
  edit('proconf-app.yaml', (doc) => {
    set(doc, [...op, 'x-body-limit'], CHANGED.bodyLimit);
    set(doc, [...op, 'responses', '413', 'content', 'application/json', 'examples', 'too_large', 'value', 'error', 'message'], CHANGED.tooLarge);
    // The wrong-method answer moves from the 404 to a new 405.
    set(doc, [...op, 'responses', '405'], {
      description: 'Another HTTP method.',
      'x-wrong-method': true,
      content: {
        'application/json': {
          schema: { $ref: './components/proconf/schemas.yaml#/ErrorEnvelope' },
          examples: { method_not_allowed: { value: CHANGED.wrongMethod.body } },
        },
      },
    });
    set(doc, ['components', 'securitySchemes', 'AppUserBearer', 'x-verify-env'], [CHANGED.bearerVariable]);
  });
  edit('components/proconf/responses.yaml', (doc) => {
    expect(doc.getIn(['NotFound', 'x-wrong-method'])).toBe(true);
    doc.deleteIn(['NotFound', 'x-wrong-method']);
    set(doc, ['NotFound', 'content', 'application/json', 'examples', 'not_found', 'value', 'error', 'message'], CHANGED.notFound);
  });
  edit('proconf-admin.yaml', (doc) => set(doc, ['paths', '/api/proconf-token', 'post', 'x-state-changing'], CHANGED.adminStateChange));
  edit('signalwire-fabric.yaml', (doc) => {
    set(doc, ['paths', '/api/fabric/subscribers/tokens/refresh', 'post', 'x-token-lifetimes', 'refresh_token'], CHANGED.refreshLifetime);
    set(doc, ['servers', 0, 'url'], CHANGED.spaceServer);
  });
  edit('components/signalwire/validation-examples.yaml', (doc) => {
    set(doc, ['allowed_address_limit_exceeded', 'value', 'errors', 0, 'code'], CHANGED.addressCode);
    set(doc, ['allowed_address_limit_exceeded', 'value', 'errors', 0, 'message'], CHANGED.addressMessage);
  });
}

type Reply = { status: number; body: any };
type Verified = { exitCode: number; result: { ok: boolean; results: { id: string; outcome: string; status?: number; problems: string[] }[] }; stderr: string };
let report: {
  bodyUnderLimit: Reply;
  bodyOverLimit: Reply;
  wrongMethod: Reply;
  unknownPath: Reply;
  tooManyAddresses: Reply;
  refreshInside: number;
  refreshPast: Reply;
  scenarioTable: string;
  verifyApp: Verified;
  verifyAdmin: Verified;
  spaceBaseUrl: string;
};

beforeAll(async () => {
  for (const part of ['openapi', 'generated', 'scripts', 'src', 'redocly.yaml', 'package.json'])
    cpSync(join(repo, part), join(copy, part), { recursive: true });
  symlinkSync(join(repo, 'node_modules'), join(copy, 'node_modules'), 'dir');
  changeSpecs();
  const generated = await run(process.execPath, ['--import', 'tsx', 'scripts/generate.ts'], { cwd: copy });
  expect(generated.stdout).toMatch(/rewritten/);
  const { stdout } = await run(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'spec-facts-script.ts'), copy], {
    cwd: repo,
    env: { ...process.env, REFRESH_LIFETIME_SECONDS: String(CHANGED.refreshLifetime) },
  });
  report = JSON.parse(stdout.trim().split('\n').at(-1)!);
}, 180_000);
afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe('the mock follows the regenerated specs', () => {
  it('x-body-limit: a body over the new limit gets the 413, with the reworded example; one under it is served', () => {
    expect(report.bodyUnderLimit.status).toBe(200);
    expect(report.bodyOverLimit).toEqual({ status: 413, body: { data: null, error: { code: 413, message: CHANGED.tooLarge } } });
  });

  it('x-wrong-method: another method gets the response the spec now marks', () => {
    expect(report.wrongMethod).toEqual(CHANGED.wrongMethod);
  });

  it('error examples: an unknown path gets the reworded not_found', () => {
    expect(report.unknownPath).toEqual({ status: 404, body: { data: null, error: { code: 404, message: CHANGED.notFound } } });
  });

  it('x-schema-keyword: a maxItems breach gets the changed code and message', () => {
    expect(report.tooManyAddresses.status).toBe(422);
    expect(report.tooManyAddresses.body.errors[0]).toMatchObject({
      code: CHANGED.addressCode,
      message: CHANGED.addressMessage,
      attribute: 'allowed_addresses',
    });
  });

  it('x-token-lifetimes: an issued refresh token works until the new lifetime, and is refused after it', () => {
    expect(report.refreshInside).toBe(201);
    expect(report.refreshPast.status).toBe(422);
    expect(report.refreshPast.body.errors[0].code).toBe('token_expired');
  });

  it('the scenario table states the new limit and lifetime', () => {
    const row = (start: string) => report.scenarioTable.split('\n').find((line) => line.startsWith(start));
    expect(row('| `get_proconf_token` | 413 | body too large |')).toContain(`a body over ${CHANGED.bodyLimit} bytes`);
    expect(row('| `refresh_subscriber_token` | 422 | refresh token reused or expired')).toContain('or after its 10 min');
  });
});

describe('the SignalWire client follows the regenerated specs', () => {
  it("servers: a Space name becomes the base URL through the spec's server template", () => {
    expect(report.spaceBaseUrl).toBe(CHANGED.spaceServer.replace('{space_name}', 'acme'));
  });
});

describe('verify follows the regenerated specs', () => {
  it('x-body-limit, x-wrong-method, x-verify-env: plans the new checks, reads the new variable, and passes against the mock', () => {
    const { exitCode, result, stderr } = report.verifyApp;
    expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: '' });
    const byId = new Map(result.results.map((r) => [r.id, r]));
    expect(byId.get(`get_proconf_token: body over ${CHANGED.bodyLimit} bytes (otherwise valid)`)).toMatchObject({ outcome: 'pass', status: 413 });
    expect(byId.get('get_proconf_token: wrong method GET')).toMatchObject({ outcome: 'pass', status: CHANGED.wrongMethod.status });
    // The valid requests carry the credential read from the renamed variable: none is skipped for want of it.
    const valid = result.results.filter((r) => r.id.startsWith('get_proconf_token: valid'));
    expect(valid.length).toBeGreaterThan(0);
    for (const r of valid) expect(r, r.id).toMatchObject({ outcome: 'pass', status: 200 });
    expect(result.ok).toBe(true);
  });

  it('x-state-changing: an operation the spec now says changes state is skipped, with the spec’s reason', () => {
    const { result } = report.verifyAdmin;
    const create = result.results.filter((r) => r.id.startsWith('create_proconf_token'));
    expect(create.length).toBeGreaterThan(0);
    for (const r of create) expect(r.outcome, r.id).toBe('skip');
    expect(create.flatMap((r) => r.problems).join(' ')).toContain(CHANGED.adminStateChange);
  });
});
