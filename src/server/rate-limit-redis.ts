// The rate limiter for several app-server instances: the same GCRA as the
// memory limiter, run as one Lua script so the read and the write are atomic
// in Redis, timed by Redis's own clock (instances' clocks never matter).
// Takes a client you created (node-redis' `createClient()`, or anything with
// `sendCommand`), so it loads no package itself.
import { createHash } from 'node:crypto';
import type { RedisCommands } from './redis-token-store.js';
import { RATE_LIMIT_DEFAULTS } from './defaults.js';
import { decision, gcraParameters, RateLimiterError, type RateLimiter, type RateLimitOptions } from './rate-limit.js';
import { ConfigError } from '../core/errors.js';

export interface RedisRateLimiterOptions extends RateLimitOptions {
  /** A connected node-redis client (`createClient()` from `redis`): best with `disableOfflineQueue: true`, so a lost link fails at once. */
  client: RedisCommands;
  /** Prefix of every key (default `rtc-token-apis:rate:`): give each app and limit its own when they share one Redis. */
  keyPrefix?: string;
  /** A check that takes longer fails with RateLimiterError (default: `SERVER_DEFAULTS.rateLimit.commandTimeoutMs`). */
  commandTimeoutMs?: number;
  /** Milliseconds since the epoch, for tests; by default the script reads Redis's own `TIME`. */
  now?: () => number;
}

// KEYS[1] the key; ARGV: emission interval ms, period ms, now ms ('' = Redis TIME).
// Returns the milliseconds to wait, 0 when the request is allowed (and counted).
const GCRA = `local now = tonumber(ARGV[3])
if not now then local t = redis.call('TIME'); now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) end
local stored = tonumber(redis.call('GET', KEYS[1]) or '0')
local nxt = math.max(stored, now) + tonumber(ARGV[1])
local wait = nxt - tonumber(ARGV[2]) - now
if wait > 0 then return math.ceil(wait) end
redis.call('SET', KEYS[1], string.format('%.3f', nxt), 'PX', math.max(1, math.ceil(nxt - now)))
return 0`;
const SHA = createHash('sha1').update(GCRA).digest('hex');

/** A RateLimiter whose budget every instance sharing the Redis shares. Fails with RateLimiterError when Redis does. */
export function createRedisRateLimiter(options: RedisRateLimiterOptions): RateLimiter {
  const { intervalMs, periodMs } = gcraParameters(options, 'createRedisRateLimiter');
  const { client, now } = options;
  if (typeof client?.sendCommand !== 'function')
    throw new ConfigError('createRedisRateLimiter: client must be a connected node-redis client (createClient() from redis)');
  const prefix = options.keyPrefix ?? RATE_LIMIT_DEFAULTS.keyPrefix;
  const timeoutMs = options.commandTimeoutMs ?? RATE_LIMIT_DEFAULTS.commandTimeoutMs;
  if (typeof prefix !== 'string') throw new ConfigError('createRedisRateLimiter: keyPrefix must be a string');
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs < 1)
    throw new ConfigError(`createRedisRateLimiter: commandTimeoutMs must be a whole number of ms, at least 1; got ${String(timeoutMs)}`);
  if (now !== undefined && typeof now !== 'function')
    throw new ConfigError('createRedisRateLimiter: now must be a function returning milliseconds since the epoch');
  const send = (args: string[]): Promise<unknown> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RateLimiterError('consume', `no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    return Promise.race([client.sendCommand(args), late]).finally(() => clearTimeout(timer));
  };
  const interval = String(intervalMs);
  const period = String(periodMs);
  return {
    async consume(key) {
      // Hashed: key names hold no caller id or client address.
      const args = [`${prefix}${createHash('sha256').update(key).digest('base64url')}`, interval, period, now ? String(now()) : ''];
      let reply: unknown;
      try {
        reply = await send(['EVALSHA', SHA, '1', ...args]).catch((error: unknown) => {
          // The first call on a Redis that has not seen the script yet: send it once.
          if (error instanceof Error && error.message.startsWith('NOSCRIPT')) return send(['EVAL', GCRA, '1', ...args]);
          throw error;
        });
      } catch (error) {
        if (error instanceof RateLimiterError) throw error;
        // The cause is Redis's own error: it names the command, never the key.
        throw new RateLimiterError('consume', 'Redis command failed', { cause: error });
      }
      if (typeof reply !== 'number' || !Number.isFinite(reply)) throw new RateLimiterError('consume', 'unexpected reply');
      return decision(reply);
    },
  };
}
