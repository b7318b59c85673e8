// The package as a user gets it: a real `npm pack` tarball installed into a
// new project, a strict TypeScript consumer of each subpath type-checked with
// tsc, then run against the mock that ships inside the same package.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { packAndInstall, type PackedPackage } from '../support/pack.ts';

const run = promisify(execFile);
const repo = join(import.meta.dirname, '..', '..');

const consumer = `
import { createSignalWireClient as fromRoot, createProconfAppClient as appFromRoot } from 'rtc-token-apis';
import { createSignalWireClient, isSignalWireError, HttpError, type ConferenceToken, type GuestTokenRequest } from 'rtc-token-apis/signalwire';
import { createProconfAppClient, createProconfAdminClient, type TokenRequest } from 'rtc-token-apis/proconf';
import { startMockServer } from 'rtc-token-apis/mock';
import { signalWireValidation, RequestValidationError } from 'rtc-token-apis/validation';
import { createProconfTokenHandler, createSignalWireTokenHandlers, allowGuestAddresses, createRedisTokenStore, MissingDependencyError } from 'rtc-token-apis/server';
import { createSignalWireAppClient, createSubscriberTokenSource } from 'rtc-token-apis/signalwire-app';
import { verifyApi, type VerifyResult } from 'rtc-token-apis/verify';

const mock = await startMockServer({ port: 0 });
try {
  const sw = createSignalWireClient({ space: 'example', projectId: 'p', apiToken: 't', baseUrl: mock.url });
  const token: ConferenceToken = await sw.resetConferenceToken('c22d24f6-5a47-4597-9a23-c7d01e696b92');
  const request: GuestTokenRequest = { allowed_addresses: ['a46e1381-21cf-46c9-bfed-576eb3b96370'] };
  const guest = await sw.createSubscriberGuestToken(request);
  const body: TokenRequest = { role: 'member', room: 'standup', participantName: 'Priya' };
  const app = await createProconfAppClient({ baseUrl: mock.url, credentials: () => 'session' }).getProconfToken(body);
  const admin = await createProconfAdminClient({ baseUrl: mock.url }).createProconfToken(body);
  let status = 0;
  try {
    await sw.createSubscriberGuestToken(request, { headers: { Prefer: 'code=404' } });
  } catch (e) {
    if (isSignalWireError(e, 'create_subscriber_guest_token') && e.status === 404) status = e.status;
    if (!(e instanceof HttpError)) throw e;
  }
  const validated = createSignalWireClient({ space: 'example', projectId: 'p', apiToken: 't', baseUrl: mock.url, validation: signalWireValidation() });
  const tooMany: GuestTokenRequest = { allowed_addresses: Array.from({ length: 11 }, () => 'a46e1381-21cf-46c9-bfed-576eb3b96370') };
  const invalid = await validated.createSubscriberGuestToken(tooMany).then(() => '', (e: unknown) => (e instanceof RequestValidationError ? e.issues[0]?.message ?? '' : 'wrong error'));
  const handler = createProconfTokenHandler({ adminBaseUrl: mock.url, authorize: () => ({ user: 'u-1' }), logger: false });
  const handled = await handler(new Request('http://app.test/proconfToken', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
  const verified: VerifyResult = await verifyApi({ api: 'proconf-admin', target: mock.url });
  const swHandlers = createSignalWireTokenHandlers<{ email: string }>({
    signalwire: { projectId: 'p', apiToken: 't', baseUrl: mock.url },
    authorize: () => ({ email: 'alice@example.net' }),
    subscriber: (user) => ({ reference: user.email }),
    guestPolicy: allowGuestAddresses(['a46e1381-21cf-46c9-bfed-576eb3b96370']),
    logger: false,
  });
  const swApp = createSignalWireAppClient({ baseUrl: 'http://127.0.0.1:1', credentials: () => 'session', fetch: swHandlers });
  const swToken = await createSubscriberTokenSource({ client: swApp, fingerprint: 'Qk9CLWRldmljZS1maW5nZXJwcmludC0xMjM0NTY3ODk' }).getToken();
  // redis is an optional peer the consumer did not install: a typed error, not a crash at import.
  const redisMissing = await createRedisTokenStore({ url: 'redis://127.0.0.1:6379' }).then(() => false, (e: unknown) => e instanceof MissingDependencyError);
  console.log(JSON.stringify({
    validation: invalid,
    handler: handled.status,
    swToken: swToken.split('.').length,
    redisMissing,
    verify: verified.ok,
    rootExports: typeof fromRoot === 'function' && typeof appFromRoot === 'function',
    name: token.name,
    guestParts: guest.token.split('.').length,
    app: app.data.split('.').length,
    admin: admin.error,
    status,
  }));
} finally {
  await mock.close();
}
`;

const wrongBody = `import { createSignalWireClient } from 'rtc-token-apis/signalwire';
await createSignalWireClient({ space: 'x', projectId: 'p', apiToken: 't' }).createSubscriberGuestToken({ allowed_addresses: 42 });
`;

const tsconfig = {
  compilerOptions: {
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    outDir: 'out',
    skipLibCheck: true,
    types: ['node'],
    typeRoots: [join(repo, 'node_modules', '@types')],
  },
  // tsc still emits consumer.js when wrong-body.ts has errors (noEmitOnError is off).
  files: ['consumer.ts', 'wrong-body.ts'],
};

let pkg: PackedPackage;
beforeAll(async () => {
  pkg = await packAndInstall();
  mkdirSync(join(pkg.project, 'strict-consumer'), { recursive: true });
}, 120_000);

describe('npm pack tarball', () => {
  it('ships dist (ESM with source maps, require() shims, one set of declarations for both), the sources its maps point at, the specs and bundled documents, and no tests or docs', async () => {
    const { stdout } = await run('tar', ['-tzf', pkg.tarball]);
    const entries = stdout.split('\n');
    for (const path of [
      'package/dist/src/index.js',
      'package/dist/src/index.js.map',
      'package/dist/src/index.d.ts',
      'package/dist/src/signalwire/index.d.ts',
      'package/dist/src/proconf/index.d.ts',
      'package/dist/cjs/src/index.cjs',
      'package/dist/cjs/src/index.d.cts',
      'package/dist/cjs/src/signalwire/index.d.cts',
      'package/src/core/call.ts',
      'package/LICENSE',
      'package/openapi/signalwire-fabric.yaml',
      'package/openapi/components/proconf/schemas.yaml',
      'package/generated/bundled/proconf-app.json',
      'package/dist/cjs/generated/types/signalwire-video.d.cts',
    ]) {
      expect(entries).toContain(path);
    }
    expect(entries.filter((e) => /^package\/(tests|scripts|bench|docs|node_modules)\/|^package\/openapi\/.*\.md$/.test(e))).toEqual([]);
    // One set of declarations (the .d.cts): an entry's import-condition .d.ts is one line re-exporting its .d.cts, and no other .d.ts ships.
    const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { exports: Record<string, string | { import: { types: string } }> };
    const entryTypes = Object.values(manifest.exports).flatMap((c) => (typeof c === 'string' ? [] : [`package/${c.import.types.slice(2)}`]));
    expect(entries.filter((e) => e.endsWith('.d.ts')).sort()).toEqual(entryTypes.sort());
    for (const file of entryTypes) {
      const text = readFileSync(join(pkg.project, 'node_modules', 'rtc-token-apis', file.slice('package/'.length)), 'utf8');
      expect(text, file).toMatch(/^export \* from '(\.\.\/)+cjs\/[\w/-]+\/index\.cjs';\n$/);
    }
  });

  it('a strict TypeScript consumer of each subpath type-checks and runs; a wrong body type does not compile', async () => {
    const dir = join(pkg.project, 'strict-consumer');
    writeFileSync(join(dir, 'consumer.ts'), consumer);
    writeFileSync(join(dir, 'wrong-body.ts'), wrongBody);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    // One tsc run for both files (tsc costs seconds): only wrong-body.ts may fail, with exactly its one error.
    const output = await run(process.execPath, [join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], { cwd: dir }).then(
      () => '',
      (e: { stdout: string }) => e.stdout,
    );
    expect(
      output
        .trim()
        .split('\n')
        .filter((l) => /error TS/.test(l)),
    ).toEqual([expect.stringMatching(/^wrong-body\.ts\(2,\d+\): error TS2322/)]);
    const { stdout } = await run(process.execPath, [join(dir, 'out', 'consumer.js')], { cwd: dir });
    expect(JSON.parse(stdout.trim().split('\n').pop()!)).toEqual({
      validation: 'at most 10 items, got 11',
      handler: 200,
      swToken: 5,
      redisMissing: true,
      verify: true,
      rootExports: true,
      name: 'My First Token',
      guestParts: 5,
      app: 3,
      admin: null,
      status: 404,
    });
  }, 60_000);

  it('the installed bin runs the breaking-change gate on the shipped specs', async () => {
    const specs = join(pkg.project, 'node_modules', 'rtc-token-apis', 'openapi');
    const same = await run(pkg.bin, ['breaking', specs, specs, '--json'], { cwd: pkg.project });
    expect(JSON.parse(same.stdout)).toMatchObject({ breaking: false, counts: { breaking: 0, nonBreaking: 0 } });
    const bad = await run(pkg.bin, ['breaking', specs, join(pkg.project, 'package.json')], { cwd: pkg.project }).then(
      () => 0,
      (e: { code: number }) => e.code,
    );
    expect(bad).toBe(2);
  }, 60_000);
});
