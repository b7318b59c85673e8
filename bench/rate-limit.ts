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
import { createMemoryRateLimiter, createRedisRateLimiter } from '../src/server/index.ts';
import { startRedisServer } from '../tests/support/redis-server.ts';
import { BUDGETS } from './budgets.ts';
import { compare, guestHandler, pairedRounds, roundsNote, showRatio } from './handler-rounds.ts';
import { startLoopback } from './loopback.ts';
import { describeMachine, machineLine } from './machine.ts';
import { median, relativeIqr } from './stats.ts';
import { fmt, markdownTable } from './table.ts';

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 40 : 300;
// Far above what a run sends: every request is allowed and counted.
const LIMIT = { points: 1_000_000, durationSeconds: 3600 };

const log = (line: string) => process.stderr.write(`${line}\n`);
log(machineLine(describeMachine()));
const upstream = await startLoopback();
const redis = await startRedisServer();
const client = createClient({ url: redis.url, disableOfflineQueue: true });
client.on('error', () => {});
await client.connect();
try {
  const [none, memory, viaRedis] = await pairedRounds(
    [
      { name: 'guest handler, no limit', handler: guestHandler(upstream.baseUrl) },
      // The handler's own rate-limit stage keys each request by caller.
      { name: 'rateLimit: createMemoryRateLimiter', handler: guestHandler(upstream.baseUrl, { rateLimit: createMemoryRateLimiter(LIMIT) }) },
      { name: 'rateLimit: createRedisRateLimiter', handler: guestHandler(upstream.baseUrl, { rateLimit: createRedisRateLimiter({ client, ...LIMIT }) }) },
    ],
    ROUNDS,
  );
  const memoryVs = compare(memory!, none!);
  const redisVs = compare(viaRedis!, none!);
  const budget = BUDGETS.rateLimitMemoryRatio;
  const rows = [
    ...[none!, memory!, viaRedis!].map((c) => [`${c.name}, µs/request`, `${fmt.us(median(c.micros))} (IQR ${fmt.pct(relativeIqr(c.micros))})`, '', '']),
    [
      'in-memory limit / no limit',
      `${showRatio(memoryVs)}, ${fmt.us(memoryVs.addedUs)} added`,
      `<= ${budget.toFixed(2)}×`,
      memoryVs.ratio <= budget ? 'yes' : 'NO',
    ],
    ['Redis limit / no limit', `${showRatio(redisVs)}, ${fmt.us(redisVs.addedUs)} added`, '(reported)', ''],
  ];
  console.log(markdownTable(['figure', 'measured', 'budget', 'ok'], rows));
  console.log(roundsNote(ROUNDS));
  if (memoryVs.ratio > budget) process.exitCode = 1;
} finally {
  await client.close();
  await redis.stop();
  upstream.stop();
}
