// The foreground mock's log lines leave stdout in one write per event-loop
// turn, in order, and flush() writes what is pending at once.
import { afterEach, expect, it, vi } from 'vitest';
import { stdoutLines } from '../../src/cli/stdout-lines.ts';

const turn = () => new Promise((resolve) => setImmediate(resolve));
afterEach(() => vi.restoreAllMocks());

it('writes the lines of one turn together, in order, once the turn ends', async () => {
  const writes = vi.spyOn(console, 'log').mockImplementation(() => {});
  const out = stdoutLines();
  out('GET /a -> 200');
  out('GET /b -> 404');
  expect(writes).not.toHaveBeenCalled();
  await turn();
  expect(writes.mock.calls).toEqual([['GET /a -> 200\nGET /b -> 404']]);
  out('GET /c -> 200');
  await turn();
  expect(writes.mock.calls).toEqual([['GET /a -> 200\nGET /b -> 404'], ['GET /c -> 200']]);
});

it('flushes pending lines at once, and writes nothing when none are pending', async () => {
  const writes = vi.spyOn(console, 'log').mockImplementation(() => {});
  const out = stdoutLines();
  out('banner');
  out.flush();
  expect(writes.mock.calls).toEqual([['banner']]);
  out.flush();
  await turn();
  expect(writes).toHaveBeenCalledTimes(1);
});
