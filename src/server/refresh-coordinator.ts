// Spends each single-use refresh token at most once, however many callers and
// instances ask and whatever fails in between. In this process: one flight per
// key. Across processes: a lease in the store (renewed while a refresh is in
// flight) and, before any upstream call, a spend mark written with a
// compare-and-set on the entry's generation. A marked refresh token is never
// spent again, by anyone: until its successor is stored (retried if the store
// was down) the others wait, and past a stated bound they take the fallback
// (mint, or refuse), which spends nothing.
import { TOKEN_SOURCE_DEFAULTS } from '../signalwire-app/defaults.js';
import { ConfigError } from '../core/errors.js';
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
  /**
   * Exchanges a refresh token; `'rejected'` when SignalWire refuses it (expired, not a refresh token).
   * A throw means the outcome is unknown (the token may be spent): the mark stays until the bound.
   */
  refresh(refreshToken: string): Promise<FreshPair | 'rejected'>;
  /** Mints a new subscriber token pair (the fallback). */
  mint(): Promise<FreshPair>;
}

export interface CoordinatorOptions {
  store: TokenStore;
  /** Mint a new token when the refresh token is gone, rejected or its spend unresolved past the bound; or answer refresh-unavailable. */
  fallback: 'mint' | 'refuse';
  /** A grant written this recently is returned as it is instead of refreshed again. */
  reuseWindowMs: number;
  /** How long the cross-process lease lives between renewals (longer than one upstream call plus a store round trip). */
  lockTtlMs: number;
  /** How long a stored entry lives (the refresh token's lifetime). */
  entryTtlMs: number;
  /** How long a spend whose outcome is unknown holds the key before the fallback applies (default: 2 × lockTtlMs). */
  outcomeBoundMs?: number;
  /** How often a waiting instance first looks for the winner's token (it backs off to 10×). */
  pollMs?: number;
  now?: () => number;
}

/** A timer that never keeps a server process alive on its own. */
function unrefTimer(run: () => void, ms: number, repeat = false): () => void {
  const handle = repeat ? setInterval(run, ms) : setTimeout(run, ms);
  (handle as { unref?: () => void }).unref?.();
  return () => (repeat ? clearInterval(handle) : clearTimeout(handle));
}

const sleep = (ms: number) => new Promise<void>((resolve) => unrefTimer(resolve, ms));

const grantOf = ({ generation: _, ...grant }: StoreEntry): StoredGrant => grant;

/**
 * Refuses, at construction, token lifetimes that cannot work: a browser token source refreshes
 * `refreshMarginSeconds` before expiry, and a token refreshed within `reuseWindowSeconds` is
 * handed out again, so a lifetime not above their sum is due again the moment it arrives
 * (the browser would refresh in a loop). Throws a ConfigError naming the numbers.
 */
export function checkRefreshTimings(timings: { tokenLifetimeSeconds: number; reuseWindowSeconds: number; refreshMarginSeconds?: number }): void {
  const margin = timings.refreshMarginSeconds ?? TOKEN_SOURCE_DEFAULTS.refreshMarginSeconds;
  const needed = margin + timings.reuseWindowSeconds;
  if (!(timings.tokenLifetimeSeconds > needed)) {
    throw new ConfigError(
      `tokenLifetimeSeconds (${timings.tokenLifetimeSeconds}) must be more than the token source's refresh margin (${margin} s) plus reuseWindowSeconds (${timings.reuseWindowSeconds} s) = ${needed} s: a shorter token is due for a refresh the moment it arrives`,
    );
  }
}

export function createRefreshCoordinator(options: CoordinatorOptions) {
  const { store, lockTtlMs, entryTtlMs } = options;
  const now = options.now ?? Date.now;
  const pollMs = options.pollMs ?? 20;
  const boundMs = options.outcomeBoundMs ?? 2 * lockTtlMs;
  const flights = new Map<string, Promise<RefreshOutcome>>();
  // Pairs SignalWire gave us that the store could not take (it was down or slow): retried in the
  // background and first on the next request for the key, until the bound, so a spent refresh
  // token's successor is not lost.
  const unsaved = new Map<string, { expected: number; grant: StoredGrant; until: number }>();

  const fresh = (entry: StoreEntry) => now() - entry.issuedAt < options.reuseWindowMs;
  const pastBound = (entry: StoreEntry) => entry.spending !== undefined && now() - entry.spending.since >= boundMs;
  const reused = (entry: StoreEntry): RefreshOutcome => ({ outcome: 'reused', entry });

  /** Writes an unsaved pair: the entry, undefined when it is gone for good; throws while the store is down. */
  async function settle(key: string): Promise<StoreEntry | undefined> {
    const pending = unsaved.get(key);
    if (!pending) return undefined;
    if (now() >= pending.until) {
      // Past the bound the others took the fallback: this pair is given up (its refresh token was never spent).
      unsaved.delete(key);
      return undefined;
    }
    const written = await store.compareAndSet(key, pending.expected, pending.grant, entryTtlMs);
    if (unsaved.get(key) === pending) unsaved.delete(key);
    if (written) return written;
    // An earlier attempt may have landed after all (its answer was lost on a slow link).
    const current = await store.get(key);
    return current && !current.spending && current.token === pending.grant.token ? current : undefined;
  }

  function keepTrying(key: string, attempt = 0): void {
    unrefTimer(
      () => {
        settle(key).catch(() => {
          if (unsaved.has(key)) keepTrying(key, attempt + 1);
        });
      },
      Math.min(pollMs * 2 ** attempt, 2000),
    );
  }

  async function write(key: string, expected: number, pair: FreshPair, outcome: 'refreshed' | 'minted'): Promise<RefreshOutcome> {
    // No `spending`: the write clears the mark.
    const grant: StoredGrant = { ...pair, issuedAt: now() };
    let written: StoreEntry | undefined;
    try {
      written = await store.compareAndSet(key, expected, grant, entryTtlMs);
    } catch (error) {
      unsaved.set(key, { expected, grant, until: now() + boundMs });
      keepTrying(key);
      throw error;
    }
    if (written) return { outcome, entry: written };
    const winner = await store.get(key);
    if (winner && !winner.spending) return reused(winner);
    throw new TokenStoreError('compareAndSet', 'another writer won but left no entry');
  }

  async function fallback(key: string, expected: number, calls: RefreshCalls): Promise<RefreshOutcome> {
    if (options.fallback === 'refuse') {
      if (expected) await store.delete(key, expected);
      return { outcome: 'refresh-unavailable' };
    }
    return write(key, expected, await calls.mint(), 'minted');
  }

  /** Under the lease: `'again'` when the entry changed under us and the caller must look again. */
  async function underLock(key: string, seen: number, calls: RefreshCalls): Promise<RefreshOutcome | 'again'> {
    const entry = await store.get(key);
    if (!entry) return fallback(key, 0, calls);
    if (entry.spending) return pastBound(entry) ? fallback(key, entry.generation, calls) : 'again';
    // Someone refreshed between our first look and the lease: theirs is the token.
    if (entry.generation !== seen || fresh(entry)) return reused(entry);
    const marked = await store.compareAndSet(key, entry.generation, { ...grantOf(entry), spending: { id: crypto.randomUUID(), since: now() } }, entryTtlMs);
    if (!marked) return 'again';
    // From here on no one spends entry.refreshToken again, this instance included. A throw
    // (timeout, network) leaves the mark: SignalWire may have spent it.
    const pair = await calls.refresh(entry.refreshToken);
    if (pair === 'rejected') return fallback(key, marked.generation, calls);
    return write(key, marked.generation, pair, 'refreshed');
  }

  /** Runs `work` holding the lease, renewed every third of its life; released after. */
  async function leased<T>(key: string, lockId: string, work: () => Promise<T>): Promise<T> {
    const stop = unrefTimer(() => void store.renewLock?.(key, lockId, lockTtlMs).catch(() => false), lockTtlMs / 3, true);
    try {
      return await work();
    } finally {
      stop();
      // Not awaited: the answer does not wait on a slow link; a lease that cannot be released expires by itself.
      store.releaseLock(key, lockId).catch(() => {});
    }
  }

  async function fly(key: string, calls: RefreshCalls): Promise<RefreshOutcome> {
    if (unsaved.has(key)) {
      const settled = await settle(key);
      if (settled) return { outcome: 'refreshed', entry: settled };
    }
    let entry = await store.get(key);
    if (entry && !entry.spending && fresh(entry)) return reused(entry);
    const seen = entry?.generation ?? 0;
    const started = now();
    let wait = pollMs;
    for (;;) {
      if (entry && !entry.spending && entry.generation !== seen) return reused(entry);
      // A spend in flight (or unresolved) elsewhere: never spend its token, wait for its outcome or the bound.
      const lock = entry?.spending && !pastBound(entry) ? undefined : await store.acquireLock(key, lockTtlMs);
      if (lock !== undefined) {
        const result = await leased(key, lock, () => underLock(key, seen, calls));
        if (result !== 'again') return result;
      }
      if (now() - started > boundMs + 2 * lockTtlMs) throw new TokenStoreError('acquireLock', 'another refresh of this key did not finish in time');
      await sleep(wait);
      wait = Math.min(wait * 2, pollMs * 10);
      entry = await store.get(key);
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
        const written = await store.compareAndSet(key, current?.generation ?? 0, { ...pair, issuedAt: now() }, entryTtlMs);
        if (written) return written;
      }
      throw new TokenStoreError('compareAndSet', 'kept losing to concurrent writers');
    },
  };
}
