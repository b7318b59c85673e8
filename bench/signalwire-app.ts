// `npm run bench:signalwire-app`: the SignalWire token handlers' overhead over
// a bare hand-written handler making the same upstream call (the guest token
// POST to a loopback SignalWire stand-in in its own process), side by side in
// one run, and the browser client's gzip size. Exits 1 when a budget is missed.
// The budgeted bare handler makes the call with the package's SignalWire
// client, as the handlers do, so the ratio is the handlers' own overhead; a
// second bare handler with raw fetch shows what the client adds (openapi-fetch
// costs about 1.2x raw fetch on loopback, bench/RESULTS.md).
//   --quick   fewer rounds (a smoke run; the ratio is noisier)
import { bearerToken, allowGuestAddresses, createSignalWireTokenHandlers } from '../src/server/index.ts';
import { createSignalWireClient } from '../src/signalwire/index.ts';
import { BUDGETS } from './budgets.ts';
import { bundleEntry, ENTRIES } from './bundle-size.ts';
import { SIGNALWIRE_APP_CLIENT, SIGNALWIRE_APP_ENTRY } from './report.ts';
import { API_TOKEN, AUTHORIZATION, GUEST_BODY, GUEST_PATH, PROJECT_ID } from './fixtures.ts';
import { startLoopback } from './loopback.ts';
import { describeMachine, machineLine } from './machine.ts';
import { median, pairedRatio, relativeIqr, roundOrder } from './stats.ts';

const BUDGET = { ratio: 1.1, clientGzip: BUDGETS.signalwireAppClientGzip, entryGzip: BUDGETS.signalwireAppGzip } as const;
const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 40 : 300;
const CALLS = 5;
const ADDRESS = GUEST_BODY.allowed_addresses[0]!;
const USERS: Record<string, { id: string }> = { 'bench-session-1': { id: 'u1' } };
const HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

type Handler = (request: Request) => Promise<Response>;

/** What a careful developer writes by hand for the same endpoint: auth, body check, upstream call, answer. */
function bareHandler(upstream: string): Handler {
  return async (request) => {
    if (request.method !== 'POST' || new URL(request.url).pathname !== '/signalwire/tokens/guest')
      return new Response('{"error":"not_found"}', { status: 404, headers: HEADERS });
    const body = JSON.parse(await request.text()) as { allowed_addresses?: unknown };
    const addresses = body.allowed_addresses;
    if (!Array.isArray(addresses) || addresses.length !== 1 || addresses[0] !== ADDRESS)
      return new Response('{"error":"address_refused"}', { status: 403, headers: HEADERS });
    const expireAt = Math.floor(Date.now() / 1000) + 3600;
    const response = await fetch(`${upstream}${GUEST_PATH}`, {
      method: 'POST',
      headers: { authorization: AUTHORIZATION, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ allowed_addresses: addresses, expire_at: expireAt }),
      signal: AbortSignal.timeout(10_000),
    });
    if (response.status !== 201) return new Response('{"error":"internal_error"}', { status: 500, headers: HEADERS });
    const pair = (await response.json()) as { token: string };
    return new Response(JSON.stringify({ token: pair.token, expire_at: expireAt }), { status: 200, headers: HEADERS });
  };
}

/** The same hand-written handler, making the upstream call with the package's SignalWire client. */
function bareClientHandler(upstream: string): Handler {
  const sw = createSignalWireClient({ projectId: PROJECT_ID, apiToken: API_TOKEN, baseUrl: upstream, timeoutMs: 10_000 });
  return async (request) => {
    if (request.method !== 'POST' || new URL(request.url).pathname !== '/signalwire/tokens/guest')
      return new Response('{"error":"not_found"}', { status: 404, headers: HEADERS });
    if (request.headers.get('authorization') !== 'Bearer bench-session-1') return new Response('{"error":"unauthorized"}', { status: 401, headers: HEADERS });
    const body = JSON.parse(await request.text()) as { allowed_addresses?: unknown };
    const addresses = body.allowed_addresses;
    if (!Array.isArray(addresses) || addresses.length !== 1 || addresses[0] !== ADDRESS)
      return new Response('{"error":"address_refused"}', { status: 403, headers: HEADERS });
    const expireAt = Math.floor(Date.now() / 1000) + 3600;
    try {
      const pair = await sw.createSubscriberGuestToken({ allowed_addresses: [ADDRESS], expire_at: expireAt });
      return new Response(JSON.stringify({ token: pair.token, expire_at: expireAt }), { status: 200, headers: HEADERS });
    } catch {
      return new Response('{"error":"internal_error"}', { status: 500, headers: HEADERS });
    }
  };
}

function ourHandler(upstream: string): Handler {
  return createSignalWireTokenHandlers<{ id: string }>({
    signalwire: { projectId: PROJECT_ID, apiToken: API_TOKEN, baseUrl: upstream },
    authorize: (request) => USERS[bearerToken(request) ?? ''],
    subscriber: (user) => ({ reference: user.id }),
    guestPolicy: allowGuestAddresses([ADDRESS]),
    // The log entry is built as in production; only the write is dropped.
    logger: () => {},
  });
}

const request = () =>
  new Request('http://app.bench.test/signalwire/tokens/guest', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer bench-session-1' },
    body: JSON.stringify(GUEST_BODY),
  });

async function timeCalls(handler: Handler): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < CALLS; i++) {
    const response = await handler(request());
    if (response.status !== 200) throw new Error(`bench handler answered ${response.status}: ${await response.text()}`);
    await response.text();
  }
  return ((performance.now() - started) / CALLS) * 1000;
}

const log = (line: string) => process.stderr.write(`${line}\n`);
log(machineLine(describeMachine()));
const server = await startLoopback();
try {
  const contenders = [
    { name: 'bare handler, raw fetch', handler: bareHandler(server.baseUrl), micros: [] as number[] },
    { name: 'bare handler, SignalWire client', handler: bareClientHandler(server.baseUrl), micros: [] as number[] },
    { name: 'createSignalWireTokenHandlers', handler: ourHandler(server.baseUrl), micros: [] as number[] },
  ];
  for (const c of contenders) await timeCalls(c.handler);
  for (const c of contenders) await timeCalls(c.handler);
  for (let round = 0; round < ROUNDS; round++) {
    for (const c of roundOrder(contenders, round)) c.micros.push(await timeCalls(c.handler));
  }
  const [raw, bare, ours] = contenders as [(typeof contenders)[0], (typeof contenders)[0], (typeof contenders)[0]];
  const ratio = pairedRatio(ours.micros, bare.micros);
  const rawRatio = pairedRatio(ours.micros, raw.micros);
  const bundle = await bundleEntry(ENTRIES.find((e) => e.name === SIGNALWIRE_APP_CLIENT)!);
  const entry = await bundleEntry(ENTRIES.find((e) => e.name === SIGNALWIRE_APP_ENTRY)!);
  const rows = [
    ['figure', 'measured', 'budget', 'ok'],
    ...contenders.map((c) => [`${c.name}, µs/request`, `${median(c.micros).toFixed(1)} (IQR ${relativeIqr(c.micros).toFixed(1)}%)`, '', '']),
    ['our handlers / bare handler (same client call)', `${ratio.toFixed(3)}x`, `<= ${BUDGET.ratio.toFixed(2)}x`, ratio <= BUDGET.ratio ? 'yes' : 'NO'],
    ['our handlers / bare handler (raw fetch)', `${rawRatio.toFixed(3)}x`, '(reported)', ''],
    [
      'browser client, gzip',
      `${(bundle.gzipBytes / 1024).toFixed(2)} KB (${(bundle.rawBytes / 1024).toFixed(1)} KB min)`,
      `<= ${(BUDGET.clientGzip / 1024).toFixed(2)} KB`,
      bundle.gzipBytes <= BUDGET.clientGzip ? 'yes' : 'NO',
    ],
    [
      'whole entry (+ token source, fingerprint), gzip',
      `${(entry.gzipBytes / 1024).toFixed(2)} KB (${(entry.rawBytes / 1024).toFixed(1)} KB min)`,
      `<= ${(BUDGET.entryGzip / 1024).toFixed(2)} KB`,
      entry.gzipBytes <= BUDGET.entryGzip ? 'yes' : 'NO',
    ],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) console.log(`| ${r.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`);
  console.log(`${ROUNDS} rounds x ${CALLS} requests per contender, alternating order; ratio = median of per-round ratios.`);
  if (ratio > BUDGET.ratio || bundle.gzipBytes > BUDGET.clientGzip || entry.gzipBytes > BUDGET.entryGzip) process.exitCode = 1;
} finally {
  server.stop();
}
