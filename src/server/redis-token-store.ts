// A TokenStore in Redis, for several app-server instances: compare-and-set
// and the refresh lock are single Lua scripts, so they are atomic in Redis.
// Uses the `redis` (node-redis) package, an optional peer dependency.
import { REDIS_STORE_DEFAULTS } from './defaults.js';
import { missingDependency } from '../tools/peers.js';
import { TokenStoreError } from './store-errors.js';
import type { StoreEntry, StoredGrant, TokenStore } from './token-store.js';

/** What the store needs from a node-redis client (`createClient()` from `redis`). */
export interface RedisCommands {
  sendCommand(args: string[]): Promise<unknown>;
}

export interface RedisTokenStoreOptions {
  /** A Redis URL, e.g. redis://127.0.0.1:6379: the store creates and connects its own client. */
  url?: string;
  /** Or a connected node-redis client you own (then `close()` leaves it open). */
  client?: RedisCommands;
  /**
   * Prefix of every key the store writes (default: `SERVER_DEFAULTS.redisStore.keyPrefix`, `rtc-token-apis:signalwire:`).
   * The keys below it already hold the SignalWire space and project (signalWireStoreKey), so app
   * servers of several projects may share one Redis with the default; give each a prefix of its
   * own (and an ACL on it) to keep them apart from each other's commands too.
   */
  keyPrefix?: string;
  /** A command that takes longer fails with TokenStoreError (default: `SERVER_DEFAULTS.redisStore.commandTimeoutMs`). */
  commandTimeoutMs?: number;
}

export interface RedisTokenStore extends TokenStore {
  /** Disconnects the client the store created (not one you passed in). */
  close(): Promise<void>;
}

// KEYS[1] entry; ARGV: expected generation, grant JSON, ttl ms. Returns the new generation or false.
const CAS = `local g = tonumber(redis.call('HGET', KEYS[1], 'g') or '0')
if g ~= tonumber(ARGV[1]) then return false end
redis.call('HSET', KEYS[1], 'g', g + 1, 'v', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return g + 1`;
const DELETE_IF = `if redis.call('HGET', KEYS[1], 'g') == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1`;
// KEYS[1] lock; ARGV: lock id, ttl ms. Extends the lease only while it is still ARGV[1]'s.
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

async function connect(url: string): Promise<RedisCommands & { close(): Promise<unknown> }> {
  let redis: typeof import('redis');
  try {
    redis = await import('redis');
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') throw missingDependency('createRedisTokenStore');
    throw error;
  }
  let connected = false;
  const client = redis.createClient({
    url,
    // Fail fast while disconnected instead of queueing forever; once connected,
    // keep reconnecting in the background. A first connection that fails is an error at once.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: REDIS_STORE_DEFAULTS.connectTimeoutMs,
      reconnectStrategy: (retries: number, cause: Error) => (connected ? Math.min(50 * 2 ** retries, 2000) : cause),
    },
  });
  // Without a listener an 'error' event would crash the process; failures surface as rejected commands.
  client.on('error', () => {});
  try {
    await client.connect();
    connected = true;
  } catch (error) {
    client.destroy();
    throw new TokenStoreError('connect', 'could not connect to Redis', { cause: error });
  }
  return { sendCommand: (args) => client.sendCommand(args), close: () => client.close() };
}

function withTimeout<T>(operation: string, ms: number, run: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TokenStoreError(operation, `no answer within ${ms} ms`)), ms);
  });
  return Promise.race([run, timeout]).finally(() => clearTimeout(timer));
}

function parseEntry(generation: unknown, value: unknown): StoreEntry | undefined {
  if (generation == null || value == null) return undefined;
  const grant = JSON.parse(String(value)) as StoredGrant;
  if (typeof grant?.token !== 'string' || typeof grant.refreshToken !== 'string') throw new TokenStoreError('get', 'unreadable entry');
  const entry: StoreEntry = {
    token: grant.token,
    refreshToken: grant.refreshToken,
    expireAt: grant.expireAt,
    issuedAt: grant.issuedAt,
    generation: Number(generation),
  };
  const { spending } = grant;
  if (spending !== undefined) {
    if (typeof spending?.id !== 'string' || typeof spending.since !== 'number') throw new TokenStoreError('get', 'unreadable entry');
    entry.spending = { id: spending.id, since: spending.since };
  }
  return entry;
}

/** The stored JSON: the grant's own fields only, whatever else the object carries. */
function serialize(grant: StoredGrant): string {
  const { token, refreshToken, expireAt, issuedAt, spending } = grant;
  return JSON.stringify(
    spending ? { token, refreshToken, expireAt, issuedAt, spending: { id: spending.id, since: spending.since } } : { token, refreshToken, expireAt, issuedAt },
  );
}

/** A TokenStore in Redis. Give it a `url` (it connects; needs the `redis` package) or a connected `client`. */
export async function createRedisTokenStore(options: RedisTokenStoreOptions): Promise<RedisTokenStore> {
  if (!options || (options.url === undefined) === (options.client === undefined)) {
    throw new TypeError('createRedisTokenStore needs exactly one of { url } or { client }');
  }
  const owned = options.url !== undefined ? await connect(options.url) : undefined;
  const client = owned ?? options.client!;
  const prefix = options.keyPrefix ?? REDIS_STORE_DEFAULTS.keyPrefix;
  const timeoutMs = options.commandTimeoutMs ?? REDIS_STORE_DEFAULTS.commandTimeoutMs;
  const run = async (operation: string, args: string[]): Promise<unknown> => {
    try {
      return await withTimeout(operation, timeoutMs, client.sendCommand(args));
    } catch (error) {
      if (error instanceof TokenStoreError) throw error;
      // The cause is Redis's own error: it names the command, never its arguments' values.
      throw new TokenStoreError(operation, 'Redis command failed', { cause: error });
    }
  };
  const entryKey = (key: string) => `${prefix}t:${key}`;
  const lockKey = (key: string) => `${prefix}l:${key}`;
  return {
    async get(key) {
      const reply = await run('get', ['HMGET', entryKey(key), 'g', 'v']);
      if (!Array.isArray(reply)) throw new TokenStoreError('get', 'unexpected reply');
      try {
        return parseEntry(reply[0], reply[1]);
      } catch (error) {
        throw error instanceof TokenStoreError ? error : new TokenStoreError('get', 'unreadable entry');
      }
    },
    async compareAndSet(key, expected, grant, ttlMs) {
      const reply = await run('compareAndSet', ['EVAL', CAS, '1', entryKey(key), String(expected), serialize(grant), String(Math.max(1, Math.ceil(ttlMs)))]);
      return reply == null ? undefined : { ...grant, generation: Number(reply) };
    },
    async delete(key, expected) {
      await run('delete', ['EVAL', DELETE_IF, '1', entryKey(key), String(expected)]);
    },
    async acquireLock(key, ttlMs) {
      const id = crypto.randomUUID();
      const reply = await run('acquireLock', ['SET', lockKey(key), id, 'NX', 'PX', String(Math.max(1, Math.ceil(ttlMs)))]);
      return reply === 'OK' ? id : undefined;
    },
    async releaseLock(key, lockId) {
      await run('releaseLock', ['EVAL', RELEASE, '1', lockKey(key), lockId]);
    },
    async renewLock(key, lockId, ttlMs) {
      return (await run('renewLock', ['EVAL', RENEW, '1', lockKey(key), lockId, String(Math.max(1, Math.ceil(ttlMs)))])) === 1;
    },
    async close() {
      await owned?.close();
    },
  };
}
