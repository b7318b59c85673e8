// Spends each single-use refresh token exactly once, however many callers ask
// at once: one flight per key in this process, and across processes a short
// store lock plus a compare-and-set, so a losing instance returns the
// winner's token instead of spending the old refresh token again.
import { TokenStoreError } from './store-errors.js';
import type { StoreEntry, StoredGrant, TokenStore } from './token-store.js';

/** A token pair from SignalWire, with the access token's expiry. */
export interface FreshPair {
  token: string;
  refreshToken: string;
  expireAt: number;
}

export type RefreshOutcome = { outcome: 'refreshed' | 'reused' | 'minted'; entry: StoreEntry } | { outcome: 'refresh-unavailable' };

export interface RefreshCalls {
  /** Exchanges a refresh token; `'rejected'` when SignalWire refuses it (expired, not a refresh token). */
  refresh(refreshToken: string): Promise<FreshPair | 'rejected'>;
  /** Mints a new subscriber token pair (the fallback). */
  mint(): Promise<FreshPair>;
}

export interface CoordinatorOptions {
  store: TokenStore;
  /** Mint a new token when the refresh token is gone or rejected, or answer refresh-unavailable. */
  fallback: 'mint' | 'refuse';
  /** A grant written this recently is returned as it is instead of refreshed again. */
  reuseWindowMs: number;
  /** How long the cross-process lock lives (longer than one upstream call). */
  lockTtlMs: number;
  /** How long a stored entry lives (the refresh token's lifetime). */
  entryTtlMs: number;
  /** How often a waiting instance looks for the winner's token. */
  pollMs?: number;
  now?: () => number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createRefreshCoordinator(options: CoordinatorOptions) {
  const { store } = options;
  const now = options.now ?? Date.now;
  const pollMs = options.pollMs ?? 20;
  const flights = new Map<string, Promise<RefreshOutcome>>();
  // Grants SignalWire gave us that the store could not take (it was down):
  // written first on the next request for the key, so a spent refresh token's
  // successor is not lost.
  const unsaved = new Map<string, { expected: number; grant: StoredGrant }>();

  const fresh = (entry: StoreEntry) => now() - entry.issuedAt < options.reuseWindowMs;

  async function write(key: string, expected: number, pair: FreshPair, outcome: 'refreshed' | 'minted'): Promise<RefreshOutcome> {
    const grant: StoredGrant = { ...pair, issuedAt: now() };
    let written: StoreEntry | undefined;
    try {
      written = await store.compareAndSet(key, expected, grant, options.entryTtlMs);
    } catch (error) {
      unsaved.set(key, { expected, grant });
      throw error;
    }
    if (written) return { outcome, entry: written };
    const winner = await store.get(key);
    if (winner) return { outcome: 'reused', entry: winner };
    throw new TokenStoreError('compareAndSet', 'another writer won but left no entry');
  }

  async function writeUnsaved(key: string): Promise<RefreshOutcome | undefined> {
    const pending = unsaved.get(key);
    if (!pending) return undefined;
    const written = await store.compareAndSet(key, pending.expected, pending.grant, options.entryTtlMs);
    unsaved.delete(key);
    return written && { outcome: 'refreshed', entry: written };
  }

  async function fallback(key: string, expected: number, calls: RefreshCalls): Promise<RefreshOutcome> {
    if (options.fallback === 'refuse') {
      if (expected) await store.delete(key, expected);
      return { outcome: 'refresh-unavailable' };
    }
    return write(key, expected, await calls.mint(), 'minted');
  }

  async function underLock(key: string, seen: number, calls: RefreshCalls): Promise<RefreshOutcome> {
    const entry = await store.get(key);
    // Someone refreshed between our first look and the lock: theirs is the token.
    if (entry && (entry.generation !== seen || fresh(entry))) return { outcome: 'reused', entry };
    if (!entry) return fallback(key, 0, calls);
    const pair = await calls.refresh(entry.refreshToken);
    if (pair === 'rejected') return fallback(key, entry.generation, calls);
    return write(key, entry.generation, pair, 'refreshed');
  }

  async function fly(key: string, calls: RefreshCalls): Promise<RefreshOutcome> {
    const recovered = await writeUnsaved(key);
    if (recovered) return recovered;
    const first = await store.get(key);
    if (first && fresh(first)) return { outcome: 'reused', entry: first };
    const seen = first?.generation ?? 0;
    const deadline = now() + 2 * options.lockTtlMs;
    for (;;) {
      const lock = await store.acquireLock(key, options.lockTtlMs);
      if (lock !== undefined) {
        try {
          return await underLock(key, seen, calls);
        } finally {
          // A lock that cannot be released expires by itself.
          await store.releaseLock(key, lock).catch(() => {});
        }
      }
      await sleep(pollMs);
      const current = await store.get(key);
      if (current && current.generation !== seen) return { outcome: 'reused', entry: current };
      if (now() > deadline) throw new TokenStoreError('acquireLock', 'the refresh lock was not released in time');
    }
  }

  return {
    /** Refreshes the grant under `key` once for every concurrent caller in this process. */
    refresh(key: string, calls: RefreshCalls): Promise<RefreshOutcome> {
      let flight = flights.get(key);
      if (!flight) {
        flight = fly(key, calls).finally(() => flights.delete(key));
        flights.set(key, flight);
      }
      return flight;
    },
    /** Stores a newly minted pair over whatever the key holds (a fresh sign-in on this device). */
    async replace(key: string, pair: FreshPair): Promise<StoreEntry> {
      unsaved.delete(key);
      for (let attempt = 0; attempt < 5; attempt++) {
        const current = await store.get(key);
        const written = await store.compareAndSet(key, current?.generation ?? 0, { ...pair, issuedAt: now() }, options.entryTtlMs);
        if (written) return written;
      }
      throw new TokenStoreError('compareAndSet', 'kept losing to concurrent writers');
    },
  };
}
