// scrub() walks an error body in place (src/core/secrets.ts): a 500 whose body
// is nested 500,000 levels deep is an HttpError (no stack overflow) and costs
// the heap no more than the same body as a 200. Each mode runs in a fresh
// child process, so one cannot warm or fragment the other's heap.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeServers, recordingServer } from '../support/local-server.ts';

const track = closeServers(afterEach);
const DEPTH = 500_000;
// {"a":{"a":…"secret"…}}: 977 KiB, with the API token at the bottom so the walk has something to scrub.
const DEEP = `${'{"a":'.repeat(DEPTH)}"deep-body-api-token"${'}'.repeat(DEPTH)}`;

interface Cost {
  kind: string;
  grownMb: number;
  retainedMb: number;
}

function run(url: string, mode: 'success' | 'error'): Promise<Cost> {
  const script = join(import.meta.dirname, 'support', 'deep-body-script.ts');
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script, url, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c));
  child.stderr.on('data', (c: Buffer) => (err += c));
  return new Promise((resolve, reject) =>
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as Cost) : reject(new Error(`child exited ${code}: ${err.slice(-500)}`)))),
  );
}

describe('an error body nested 500,000 levels deep', () => {
  it('is an HttpError 500 and costs the heap no more than the same body as a success', { timeout: 120_000 }, async () => {
    const server = await track(
      recordingServer((req, res) => {
        const mode = req.headers['x-mode'];
        const body = mode === 'small' ? '{"token":"t","refresh_token":"r"}' : DEEP;
        res.writeHead(mode === 'error' ? 500 : 201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
      }),
    );
    const success = await run(server.url, 'success');
    const error = await run(server.url, 'error');
    process.stderr.write(`deep body, heap: success ${JSON.stringify(success)}; error ${JSON.stringify(error)}\n`);
    expect(success.kind).toBe('value');
    expect(error.kind).toBe('HttpError 500');
    // Peak and held heap of the error are those of the success, within GC noise (a copying walk doubled them and more).
    expect(error.grownMb).toBeLessThanOrEqual(success.grownMb * 1.25 + 8);
    expect(error.retainedMb).toBeLessThanOrEqual(success.retainedMb * 1.25 + 8);
  });
});
