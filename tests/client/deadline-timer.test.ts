// Call deadlines share one re-armed Timeout per duration: a reused timer must
// still fire each deadline exactly its own duration after it started, a
// cleared one never, and overlapping deadlines each on time.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startDeadlineTimer } from '../../src/core/timer-lane.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('deadline timers', () => {
  it('a deadline started after a cleared one fires its full duration after its own start', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const fired: string[] = [];
    startDeadlineTimer(1000, () => fired.push('first')).clear();
    await vi.advanceTimersByTimeAsync(600);
    startDeadlineTimer(1000, () => fired.push('second'));
    await vi.advanceTimersByTimeAsync(999);
    expect(fired).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(fired).toEqual(['second']);
    await vi.advanceTimersByTimeAsync(5000);
    expect(fired).toEqual(['second']);
  });

  it('overlapping deadlines of one duration each fire on time; clearing one leaves the other', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const fired: string[] = [];
    const a = startDeadlineTimer(500, () => fired.push('a'));
    await vi.advanceTimersByTimeAsync(100);
    startDeadlineTimer(500, () => fired.push('b'));
    const c = startDeadlineTimer(500, () => fired.push('c'));
    c.clear();
    await vi.advanceTimersByTimeAsync(399);
    expect(fired).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(fired).toEqual(['a']);
    a.clear();
    await vi.advanceTimersByTimeAsync(99);
    expect(fired).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(1);
    expect(fired).toEqual(['a', 'b']);
    await vi.advanceTimersByTimeAsync(5000);
    expect(fired).toEqual(['a', 'b']);
  });

  it('a deadline started from a firing callback gets the whole duration', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const fired: number[] = [];
    startDeadlineTimer(300, () => {
      fired.push(1);
      startDeadlineTimer(300, () => fired.push(2));
    });
    await vi.advanceTimersByTimeAsync(300);
    expect(fired).toEqual([1]);
    await vi.advanceTimersByTimeAsync(299);
    expect(fired).toEqual([1]);
    await vi.advanceTimersByTimeAsync(1);
    expect(fired).toEqual([1, 2]);
  });
});
