// Nothing (timer, listener, socket) is left behind once a call ends: a child
// process that makes calls ending every way a call can end exits promptly.
// Its own file in the e2e project, as it spawns a process (tests/README.md).
import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { closeServers, freePort, recordingServer } from '../support/local-server.ts';
import { sendJson } from './support/answers.ts';
import { tokenPair } from './support/fixtures.ts';

const track = closeServers(afterEach);

async function stalled() {
  const server = await recordingServer(() => {});
  await track(server);
  return server;
}

describe('nothing is left behind', () => {
  it('a process exits promptly after calls that succeed, time out, are aborted, retried or refused', async () => {
    const ok = await recordingServer((_q, res) => sendJson(res, 201, tokenPair));
    const stall = await stalled();
    const unavailable = await recordingServer((_q, res) => sendJson(res, 503, { error: 'busy' }));
    await track(ok);
    await track(unavailable);
    const refused = `http://127.0.0.1:${await freePort()}`;
    const script = join(import.meta.dirname, 'support', 'exit-script.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script, ok.url, stall.url, unavailable.url, refused], {
      cwd: join(import.meta.dirname, '..', '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let doneAt = 0;
    child.stdout.on('data', (d: Buffer) => {
      out += d;
      if (!doneAt && out.includes('done')) doneAt = performance.now();
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d;
    });
    // Generous limits for a loaded machine: what this catches (the 30 s default
    // deadline or a 60 s backoff left pending) holds the process far longer.
    const killer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    const lingered = performance.now() - doneAt;
    clearTimeout(killer);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(out.split('\n')[0]!)).toEqual(['ok', 'TimeoutError', 'AbortError', 'HttpError', 'AbortError', 'NetworkError']);
    expect(lingered).toBeLessThan(10_000);
  }, 40_000);
});
