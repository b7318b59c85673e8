// `npm run bench:signalwire-app`: the SignalWire token handlers' overhead over
// a bare hand-written handler making the same upstream call (the guest token
// POST to a loopback SignalWire stand-in in its own process), side by side in
// one run, and the browser client's gzip size. Exits 1 when a budget is missed.
// The budgeted bare handler makes the call with the package's SignalWire
// client, as the handlers do, so the ratio is the handlers' own overhead; a
// second bare handler with raw fetch shows what the client adds (its deadline,
// cap and checks: about 1.1-1.2x raw fetch here). The paired rounds are
// bench/handler-rounds.ts, shared with bench:rate-limit. Each contender's
// CPU µs per request is printed beside its wall time: on this loopback the
// wall gap is the CPU gap, not waiting (bench/FINDINGS.md).
//   --quick   fewer rounds (a smoke run; the ratio is noisier)
import { createSignalWireClient } from '../src/signalwire/index.ts';
import { BUDGETS } from './budgets.ts';
import { bundleEntry, ENTRIES } from './bundle-size.ts';
import { SIGNALWIRE_APP_CLIENT, SIGNALWIRE_APP_ENTRY } from './report.ts';
import { API_TOKEN, AUTHORIZATION, GUEST_PATH, PROJECT_ID } from './fixtures.ts';
import { ADDRESS, APP_GUEST_PATH, compare, guestHandler, pairedRounds, roundsNote, SESSION, showRatio, type Handler } from './handler-rounds.ts';
import { startLoopback } from './loopback.ts';
import { describeMachine, machineLine } from './machine.ts';
import { median, relativeIqr } from './stats.ts';
import { fmt, markdownTable } from './table.ts';

const BUDGET = { ratio: BUDGETS.signalwireHandlerRatio, clientGzip: BUDGETS.signalwireAppClientGzip, entryGzip: BUDGETS.signalwireAppGzip } as const;
const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 40 : 300;
const HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

/** What a careful developer writes by hand for the same endpoint: auth, body check, upstream call, answer. */
function bareHandler(upstream: string): Handler {
  return async (request) => {
    if (request.method !== 'POST' || new URL(request.url).pathname !== APP_GUEST_PATH)
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
    if (request.method !== 'POST' || new URL(request.url).pathname !== APP_GUEST_PATH)
      return new Response('{"error":"not_found"}', { status: 404, headers: HEADERS });
    if (request.headers.get('authorization') !== `Bearer ${SESSION}`) return new Response('{"error":"unauthorized"}', { status: 401, headers: HEADERS });
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

const log = (line: string) => process.stderr.write(`${line}\n`);
log(machineLine(describeMachine()));
const server = await startLoopback();
try {
  const [raw, bare, ours] = await pairedRounds(
    [
      { name: 'bare handler, raw fetch', handler: bareHandler(server.baseUrl) },
      { name: 'bare handler, SignalWire client', handler: bareClientHandler(server.baseUrl) },
      { name: 'createSignalWireTokenHandlers', handler: guestHandler(server.baseUrl) },
    ],
    ROUNDS,
  );
  const vsBare = compare(ours!, bare!);
  const vsRaw = compare(ours!, raw!);
  const bundle = await bundleEntry(ENTRIES.find((e) => e.name === SIGNALWIRE_APP_CLIENT)!);
  const entry = await bundleEntry(ENTRIES.find((e) => e.name === SIGNALWIRE_APP_ENTRY)!);
  const rows = [
    ...[raw!, bare!, ours!].map((c) => [
      `${c.name}, µs/request`,
      `${fmt.us(median(c.micros))} (IQR ${fmt.pct(relativeIqr(c.micros))}), CPU ${fmt.us(median(c.cpuMicros))}`,
      '',
      '',
    ]),
    [
      'our handlers / bare handler (same client call)',
      `${showRatio(vsBare)}, ${fmt.us(vsBare.addedUs)} added (CPU ${fmt.us(vsBare.addedCpuUs)})`,
      `<= ${BUDGET.ratio.toFixed(2)}×`,
      vsBare.ratio <= BUDGET.ratio ? 'yes' : 'NO',
    ],
    ['our handlers / bare handler (raw fetch)', showRatio(vsRaw), '(reported)', ''],
    [
      'browser client, gzip',
      `${fmt.kb(bundle.gzipBytes)} (${(bundle.rawBytes / 1024).toFixed(1)} KB min)`,
      `<= ${fmt.kb(BUDGET.clientGzip)}`,
      bundle.gzipBytes <= BUDGET.clientGzip ? 'yes' : 'NO',
    ],
    [
      'whole entry (+ token source, fingerprint), gzip',
      `${fmt.kb(entry.gzipBytes)} (${(entry.rawBytes / 1024).toFixed(1)} KB min)`,
      `<= ${fmt.kb(BUDGET.entryGzip)}`,
      entry.gzipBytes <= BUDGET.entryGzip ? 'yes' : 'NO',
    ],
  ];
  console.log(markdownTable(['figure', 'measured', 'budget', 'ok'], rows));
  console.log(roundsNote(ROUNDS));
  if (vsBare.ratio > BUDGET.ratio || bundle.gzipBytes > BUDGET.clientGzip || entry.gzipBytes > BUDGET.entryGzip) process.exitCode = 1;
} finally {
  server.stop();
}
