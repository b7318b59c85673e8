// `npm run bench:signalwire-app`: the SignalWire token handlers' overhead over
// a bare hand-written handler making the same upstream call (the guest token
// POST to a loopback SignalWire stand-in in its own process), side by side in
// one run, and the browser client's gzip size. Exits 1 when a budget is missed.
//   --quick   fewer rounds (a smoke run; the ratio is noisier)
import { bearerToken, allowGuestAddresses, createSignalWireTokenHandlers } from '../src/server/index.ts';
import { bundleEntry } from './bundle-size.ts';
import { API_TOKEN, AUTHORIZATION, GUEST_BODY, GUEST_PATH, PROJECT_ID } from './fixtures.ts';
import { startLoopback } from './loopback.ts';
import { describeMachine, machineLine } from './machine.ts';
import { median, pairedRatio, relativeIqr, roundOrder } from './stats.ts';

const BUDGET = { ratio: 1.10, clientGzip: 5 * 1024 } as const;
const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 10 : 40;
const CALLS = 25;
const ADDRESS = GUEST_BODY.allowed_addresses[0]!;
const USERS: Record<string, { id: string }> = { 'bench-session-1': { id: 'u1' } };
const HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

type Handler = (request: Request) => Promise<Response>;

/** What a careful developer writes by hand for the same endpoint: auth, body check, upstream call, answer. */
function bareHandler(upstream: string): Handler {
  return async (request) => {
    if (request.method !== 'POST' || new URL(request.url).pathname !== '/signalwire/tokens/guest') return new Response('{"error":"not_found"}', { status: 404, headers: HEADERS });
    const body = JSON.parse(await request.text()) as { allowed_addresses?: unknown };
    const addresses = body.allowed_addresses;
    if (!Array.isArray(addresses) || addresses.length !== 1 || addresses[0] !== ADDRESS) return new Response('{"error":"address_refused"}', { status: 403, headers: HEADERS });
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

const request = () => new Request('http://app.bench.test/signalwire/tokens/guest', {
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
    { name: 'bare hand-written handler', handler: bareHandler(server.baseUrl), micros: [] as number[] },
    { name: 'createSignalWireTokenHandlers', handler: ourHandler(server.baseUrl), micros: [] as number[] },
  ];
  for (const c of contenders) await timeCalls(c.handler);
  for (const c of contenders) await timeCalls(c.handler);
  for (let round = 0; round < ROUNDS; round++) {
    for (const c of roundOrder(contenders, round)) c.micros.push(await timeCalls(c.handler));
  }
  const [bare, ours] = contenders as [(typeof contenders)[0], (typeof contenders)[0]];
  const ratio = pairedRatio(ours.micros, bare.micros);
  const bundle = await bundleEntry({ name: 'rtc-token-apis/signalwire-app', contents: "export * from './src/signalwire-app/index.ts';", validation: false });
  const rows = [
    ['figure', 'measured', 'budget', 'ok'],
    ['bare handler, µs/request (loopback upstream)', `${median(bare.micros).toFixed(1)} (IQR ${relativeIqr(bare.micros).toFixed(1)}%)`, '', ''],
    ['our handlers, µs/request (loopback upstream)', `${median(ours.micros).toFixed(1)} (IQR ${relativeIqr(ours.micros).toFixed(1)}%)`, '', ''],
    ['our handlers / bare handler', `${ratio.toFixed(3)}x`, `<= ${BUDGET.ratio.toFixed(2)}x`, ratio <= BUDGET.ratio ? 'yes' : 'NO'],
    ['browser client + token source, gzip', `${(bundle.gzipBytes / 1024).toFixed(2)} KB (${(bundle.rawBytes / 1024).toFixed(1)} KB min)`, `<= ${BUDGET.clientGzip / 1024} KB`, bundle.gzipBytes <= BUDGET.clientGzip ? 'yes' : 'NO'],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) console.log(`| ${r.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`);
  console.log(`${ROUNDS} rounds x ${CALLS} requests per contender, alternating order; ratio = median of per-round ratios.`);
  if (ratio > BUDGET.ratio || bundle.gzipBytes > BUDGET.clientGzip) process.exitCode = 1;
} finally {
  server.stop();
}
