// `npm run bench:rate-limit`: what a rate limit costs per request. The
// SignalWire guest-token handler (its upstream call to a loopback SignalWire
// stand-in in its own process) runs without a limit, behind the in-memory
// limiter and behind the Redis limiter on a real redis-server, side by side
// in paired rounds. Budget: in-memory <= 1.05x the handler without it; the
// Redis limiter's ratio and its added µs are reported. Every request is
// allowed (a budget far above the run), so each pays a full check and count.
// Exits 1 when the budget is missed.
//   --quick   fewer rounds (a smoke run; the ratio is noisier)
import { createClient } from 'redis';
import {
  allowGuestAddresses,
  bearerToken,
  createMemoryRateLimiter,
  createRedisRateLimiter,
  createSignalWireTokenHandlers,
  type RateLimiter,
} from '../src/server/index.ts';
import { startRedisServer } from '../tests/support/redis-server.ts';
import { BUDGETS } from './budgets.ts';
import { API_TOKEN, GUEST_BODY, PROJECT_ID } from './fixtures.ts';
import { startLoopback } from './loopback.ts';
import { describeMachine, machineLine } from './machine.ts';
import { median, pairedRatio, relativeIqr, roundOrder } from './stats.ts';
import { fmt, markdownTable } from './table.ts';

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 40 : 300;
const CALLS = 5;
const ADDRESS = GUEST_BODY.allowed_addresses[0]!;
const USERS: Record<string, { id: string }> = { 'bench-session-1': { id: 'u1' } };
// Far above what a run sends: every request is allowed and counted.
const LIMIT = { points: 1_000_000, durationSeconds: 3600 };

type Handler = (request: Request) => Promise<Response>;

/** The guest handler; with `rateLimit`, its own rate-limit stage keys each request by caller. */
function guestHandler(upstream: string, rateLimit?: RateLimiter): Handler {
  return createSignalWireTokenHandlers<{ id: string }>({
    signalwire: { projectId: PROJECT_ID, apiToken: API_TOKEN, baseUrl: upstream },
    authorize: (request) => USERS[bearerToken(request) ?? ''],
    subscriber: (user) => ({ reference: user.id }),
    guestPolicy: allowGuestAddresses([ADDRESS]),
    logger: () => {},
    ...(rateLimit && { rateLimit }),
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
const upstream = await startLoopback();
const redis = await startRedisServer();
const client = createClient({ url: redis.url, disableOfflineQueue: true });
client.on('error', () => {});
await client.connect();
try {
  const contenders = [
    { name: 'guest handler, no limit', handler: guestHandler(upstream.baseUrl), micros: [] as number[] },
    { name: 'rateLimit: createMemoryRateLimiter', handler: guestHandler(upstream.baseUrl, createMemoryRateLimiter(LIMIT)), micros: [] as number[] },
    {
      name: 'rateLimit: createRedisRateLimiter',
      handler: guestHandler(upstream.baseUrl, createRedisRateLimiter({ client, ...LIMIT })),
      micros: [] as number[],
    },
  ];
  for (const c of contenders) await timeCalls(c.handler);
  for (const c of contenders) await timeCalls(c.handler);
  for (let round = 0; round < ROUNDS; round++) {
    for (const c of roundOrder(contenders, round)) c.micros.push(await timeCalls(c.handler));
  }
  const [none, memory, viaRedis] = contenders as [(typeof contenders)[0], (typeof contenders)[0], (typeof contenders)[0]];
  const memoryRatio = pairedRatio(memory.micros, none.micros);
  const redisRatio = pairedRatio(viaRedis.micros, none.micros);
  const added = (c: typeof none) => median(c.micros.map((m, i) => m - none.micros[i]!));
  const budget = BUDGETS.rateLimitMemoryRatio;
  const rows = [
    ...contenders.map((c) => [`${c.name}, µs/request`, `${fmt.us(median(c.micros))} (IQR ${fmt.pct(relativeIqr(c.micros))})`, '', '']),
    ['in-memory limit / no limit', `${fmt.x(memoryRatio)} (${fmt.us(added(memory))} added)`, `<= ${budget.toFixed(2)}×`, memoryRatio <= budget ? 'yes' : 'NO'],
    ['Redis limit / no limit', `${fmt.x(redisRatio)} (${fmt.us(added(viaRedis))} added)`, '(reported)', ''],
  ];
  console.log(markdownTable(['figure', 'measured', 'budget', 'ok'], rows));
  console.log(`${ROUNDS} rounds x ${CALLS} requests per contender, alternating order; ratio = median of per-round ratios.`);
  if (memoryRatio > budget) process.exitCode = 1;
} finally {
  await client.close();
  await redis.stop();
  upstream.stop();
}
