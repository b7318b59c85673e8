// The in-memory token store stays bounded: expired entries are swept, and
// past its capacity the least recently used grant is dropped. Driven by an
// injected clock.
import { describe, expect, it } from 'vitest';
import { ConfigError, createMemoryTokenStore } from '../../../src/server/index.ts';

const grant = (token: string) => ({ token, refreshToken: `r-${token}`, expireAt: 1, issuedAt: 0 });

describe('createMemoryTokenStore', () => {
  it('past maxEntries drops the least recently used grant, not the newest or one just read', async () => {
    const store = createMemoryTokenStore({ maxEntries: 3 });
    for (const k of ['a', 'b', 'c']) await store.compareAndSet(k, 0, grant(k), 60_000);
    await store.get('a');
    await store.compareAndSet('d', 0, grant('d'), 60_000);
    expect(await store.get('b')).toBeUndefined();
    for (const k of ['a', 'c', 'd']) expect((await store.get(k))?.token).toBe(k);
  });

  it('sweeps expired entries before dropping a live one', async () => {
    let now = 1_790_000_000_000;
    const store = createMemoryTokenStore({ maxEntries: 3, now: () => now });
    await store.compareAndSet('short', 0, grant('short'), 1000);
    await store.compareAndSet('b', 0, grant('b'), 60_000);
    await store.compareAndSet('c', 0, grant('c'), 60_000);
    now += 2000;
    await store.compareAndSet('d', 0, grant('d'), 60_000);
    for (const k of ['b', 'c', 'd']) expect((await store.get(k))?.token).toBe(k);
  });

  it('an overwrite of an existing key takes no extra room', async () => {
    const store = createMemoryTokenStore({ maxEntries: 2 });
    await store.compareAndSet('a', 0, grant('a'), 60_000);
    await store.compareAndSet('b', 0, grant('b'), 60_000);
    await store.compareAndSet('a', 1, grant('a2'), 60_000);
    expect((await store.get('a'))?.token).toBe('a2');
    expect((await store.get('b'))?.token).toBe('b');
  });

  it('renews a lease only for its holder', async () => {
    let now = 0;
    const store = createMemoryTokenStore({ now: () => now });
    const id = await store.acquireLock('k', 1000);
    expect(await store.renewLock!('k', 'other', 10_000)).toBe(false);
    expect(await store.renewLock!('k', id!, 10_000)).toBe(true);
    now += 5000;
    expect(await store.acquireLock('k', 1000)).toBeUndefined();
  });

  it('refuses a capacity that is not a positive integer', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => createMemoryTokenStore({ maxEntries: bad })).toThrow(ConfigError);
  });
});
