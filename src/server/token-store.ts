// Where the app server keeps each user's and device's tokens, above all the
// single-use refresh token. Every write is a compare-and-set on a generation
// number, so two writers can never both replace the same entry.

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
}

interface Timed<T> {
  value: T;
  expiresAt: number;
}

/** The default store: one process's memory. Entries expire with their refresh token. */
export function createMemoryTokenStore(options: { now?: () => number } = {}): TokenStore {
  const now = options.now ?? Date.now;
  const entries = new Map<string, Timed<StoreEntry>>();
  const locks = new Map<string, Timed<string>>();
  let lockIds = 0;
  const live = <T>(map: Map<string, Timed<T>>, key: string): T | undefined => {
    const item = map.get(key);
    if (item && item.expiresAt <= now()) map.delete(key);
    return item && item.expiresAt > now() ? item.value : undefined;
  };
  return {
    async get(key) {
      const entry = live(entries, key);
      return entry && { ...entry };
    },
    async compareAndSet(key, expected, grant, ttlMs) {
      if ((live(entries, key)?.generation ?? 0) !== expected) return undefined;
      const entry = { ...grant, generation: expected + 1 };
      entries.set(key, { value: entry, expiresAt: now() + ttlMs });
      return { ...entry };
    },
    async delete(key, expected) {
      if (live(entries, key)?.generation === expected) entries.delete(key);
    },
    async acquireLock(key, ttlMs) {
      if (live(locks, key) !== undefined) return undefined;
      const id = String(++lockIds);
      locks.set(key, { value: id, expiresAt: now() + ttlMs });
      return id;
    },
    async releaseLock(key, lockId) {
      if (live(locks, key) === lockId) locks.delete(key);
    },
  };
}
