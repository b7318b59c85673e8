// The one capped reader's body deadline (src/core/body.ts, readTextCapped
// with timeoutMs), which the token handlers' 408 stands on: one timer that
// cancels the reader. A web stream and nodeBody's reader must both settle a
// pending read when cancelled, or a body that stops arriving holds the
// reader for ever.
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { BodyTimeoutError, nodeBody, readTextCapped, type NodeBodySource } from '../../src/core/body.ts';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Where a promise stands after the fake clock moved: nothing here waits on the wall clock. */
function track(promise: Promise<unknown>) {
  const state: { settled?: 'resolved' | 'rejected'; value?: unknown } = {};
  promise.then(
    (value) => Object.assign(state, { settled: 'resolved', value }),
    (value) => Object.assign(state, { settled: 'rejected', value }),
  );
  return state;
}

it('a web stream that stops sending is cancelled at the deadline: BodyTimeoutError', async () => {
  const cancel = vi.fn();
  const stream = new ReadableStream<Uint8Array>({
    start: (controller) => controller.enqueue(new TextEncoder().encode('{"a":')),
    cancel,
  });
  const state = track(readTextCapped(stream, 1000, undefined, 500));
  await vi.advanceTimersByTimeAsync(499);
  expect(state.settled).toBeUndefined();
  await vi.advanceTimersByTimeAsync(1);
  expect(state).toMatchObject({ settled: 'rejected', value: expect.any(BodyTimeoutError) });
  expect(cancel).toHaveBeenCalledOnce();
});

it("nodeBody's reader settles a pending read when cancelled, so its deadline ends the read too", async () => {
  const source = new EventEmitter() as EventEmitter & NodeBodySource;
  source.resume = vi.fn();
  const state = track(readTextCapped(nodeBody(source), 1000, undefined, 500));
  source.emit('data', new TextEncoder().encode('{"a":'));
  await vi.advanceTimersByTimeAsync(500);
  expect(state).toMatchObject({ settled: 'rejected', value: expect.any(BodyTimeoutError) });
  // Cancelling drains the rest, so the connection can still carry the answer.
  expect(source.resume).toHaveBeenCalled();
});

it('a body that arrives in time is read whole and leaves no timer behind', async () => {
  const source = new EventEmitter() as EventEmitter & NodeBodySource;
  source.resume = () => {};
  const state = track(readTextCapped(nodeBody(source), 1000, undefined, 500));
  source.emit('data', new TextEncoder().encode('{"a":1}'));
  source.emit('end');
  await vi.advanceTimersByTimeAsync(0);
  expect(state).toEqual({ settled: 'resolved', value: '{"a":1}' });
  expect(vi.getTimerCount()).toBe(0);
});
