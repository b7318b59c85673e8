// Where the app server keeps each user's and device's tokens, above all the
// single-use refresh token. Every write is a compare-and-set on a generation
// number, so two writers can never both replace the same entry.
import { createHash } from 'node:crypto';
import { MEMORY_STORE_DEFAULTS } from './defaults.js';
import { ConfigError } from '../core/errors.js';

/** What the server keeps for one user and device. */
export interface StoredGrant {
  /** The access token the browser receives. */
  token: string;
  /** The single-use refresh token. Never leaves the server. */
  refreshToken: string;
  /** Unix seconds at which `token` stops working. */
  expireAt: number;
  /** Milliseconds since the epoch at which this grant was written (for "refreshed moments ago"). */
  issuedAt: number;
  /**
   * Set while an instance is spending `refreshToken` upstream: the spend's id and when it began
   * (ms since the epoch). While it is set no one else spends that refresh token; see the refresh coordinator.
   */
  spending?: { id: string; since: number };
}

/** A stored grant with the generation the store gave it (1, 2, ...). */
export interface StoreEntry extends StoredGrant {
  generation: number;
}

/**
 * Storage for grants. Implement it for any database that can compare-and-set;
 * the in-memory store serves one process, `createRedisTokenStore` several.
 * Methods may throw or reject when the store is unreachable: the handlers
 * answer the documented 500 and lose nothing that can still be used.
 */
export interface TokenStore {
  get(key: string): Promise<StoreEntry | undefined>;
  /**
   * Writes `grant` only if the entry's generation is still `expected` (0: no
   * entry). Returns the new entry, or undefined when another writer got there first.
   * The entry may be dropped after `ttlMs`.
   */
  compareAndSet(key: string, expected: number, grant: StoredGrant, ttlMs: number): Promise<StoreEntry | undefined>;
  /** Removes the entry if its generation is still `expected`. */
  delete(key: string, expected: number): Promise<void>;
  /** A short exclusive lease on `key`: its id, or undefined when someone else holds it. */
  acquireLock(key: string, ttlMs: number): Promise<string | undefined>;
  /** Releases a lease if it is still `lockId`'s. */
  releaseLock(key: string, lockId: string): Promise<void>;
  /** Extends a lease that is still `lockId`'s to `ttlMs` from now; false when it is not (optional: the generation fences writes anyway). */
  renewLock?(key: string, lockId: string, ttlMs: number): Promise<boolean>;
}

export interface MemoryTokenStoreOptions {
  /** Most grants held (default: `SERVER_DEFAULTS.memoryStore.maxEntries`). When full, the least recently used grant is dropped. */
  maxEntries?: number;
  /** Milliseconds since the epoch (inject for tests). */
  now?: () => number;
}

interface Timed<T> {
  value: T;
  expiresAt: number;
}

/**
 * The default store: one process's memory. Entries expire with their refresh
 * token and are swept; past `maxEntries` the least recently used one is
 * dropped (that device's next refresh takes `refreshFallback`), so memory
 * stays bounded whoever calls.
 */
export function createMemoryTokenStore(options: MemoryTokenStoreOptions = {}): TokenStore {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? MEMORY_STORE_DEFAULTS.maxEntries;
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) throw new ConfigError(`maxEntries must be a positive integer; got ${String(maxEntries)}`);
  // Map order is use order: the first key is the least recently used.
  const entries = new Map<string, Timed<StoreEntry>>();
  const locks = new Map<string, Timed<string>>();
  let lockIds = 0;
  let lastSweep = now();
  const live = <T>(map: Map<string, Timed<T>>, key: string): T | undefined => {
    const item = map.get(key);
    if (!item) return undefined;
    if (item.expiresAt > now()) return item.value;
    map.delete(key);
    return undefined;
  };
  const sweep = () => {
    const t = now();
    for (const map of [entries, locks] as Map<string, Timed<unknown>>[]) for (const [key, item] of map) if (item.expiresAt <= t) map.delete(key);
    lastSweep = t;
  };
  /** Before a write: expired entries go every sweep interval (or when full), then the least recently used while full. */
  const makeRoom = (map: Map<string, Timed<unknown>>, key: string) => {
    if (map.size >= maxEntries || now() - lastSweep >= MEMORY_STORE_DEFAULTS.sweepIntervalMs) sweep();
    map.delete(key);
    while (map.size >= maxEntries) map.delete(map.keys().next().value!);
  };
  return {
    async get(key) {
      const entry = live(entries, key);
      if (!entry) return undefined;
      // Touch: move to the most recently used end.
      const item = entries.get(key)!;
      entries.delete(key);
      entries.set(key, item);
      return { ...entry };
    },
    async compareAndSet(key, expected, grant, ttlMs) {
      if ((live(entries, key)?.generation ?? 0) !== expected) return undefined;
      const entry = { ...grant, generation: expected + 1 };
      makeRoom(entries, key);
      entries.set(key, { value: entry, expiresAt: now() + ttlMs });
      return { ...entry };
    },
    async delete(key, expected) {
      if (live(entries, key)?.generation === expected) entries.delete(key);
    },
    async acquireLock(key, ttlMs) {
      if (live(locks, key) !== undefined) return undefined;
      const id = String(++lockIds);
      makeRoom(locks, key);
      locks.set(key, { value: id, expiresAt: now() + ttlMs });
      return id;
    },
    async releaseLock(key, lockId) {
      if (live(locks, key) === lockId) locks.delete(key);
    },
    async renewLock(key, lockId, ttlMs) {
      if (live(locks, key) !== lockId) return false;
      locks.set(key, { value: lockId, expiresAt: now() + ttlMs });
      return true;
    },
  };
}

/** Whose grants these are: the SignalWire space (or base URL) and project the handlers mint for. */
export interface StoreTenant {
  projectId: string;
  space?: string | undefined;
  baseUrl?: string | undefined;
}

/**
 * The key a user's and device's grant is stored under: the SignalWire space and
 * project, the user's `reference` and the device fingerprint, hashed together, so
 * two projects sharing one store never meet and the store holds no user
 * identifiers. Pass the handlers' `signalwire` options as `tenant`; use it to
 * drop a device's entry on sign-out.
 */
export function signalWireStoreKey(tenant: StoreTenant, reference: string, fingerprint: string): string {
  const where = tenant.space?.toLowerCase() ?? tenant.baseUrl ?? '';
  return createHash('sha256')
    .update(JSON.stringify([where, tenant.projectId, reference, fingerprint]))
    .digest('base64url');
}
