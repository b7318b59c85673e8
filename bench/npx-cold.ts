// `npm run bench:npx`: the frontend one-liner from nothing installed,
// `npx rtc-token-apis-tools mock`, against Prism's own
// `npx @stoplight/prism-cli@5.14.2 mock <spec>`, side by side in one run: time
// from typing the command to the first 200 for POST /proconfToken, with an empty
// npm cache (cold) and then again with the cache that run filled (warm).
// Both install from one real local registry (Verdaccio) where the tools package
// is freshly published (its `prepack` bundles it) and every other package comes
// through its uplink; a first, unmeasured round fills the registry's own storage for both,
// so the measured rounds compare installs, not the upstream's latency.
// Budget: cold `npx rtc-token-apis-tools mock` under half of Prism's. Exits 1 on a miss.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { scriptArgs } from '../scripts/lib/cli.ts';
import { startLocalRegistry } from '../tests/support/local-registry.ts';
import { freePort } from '../tests/support/local-server.ts';
import { median } from './stats.ts';

const { values } = scriptArgs(
  'bench:npx',
  `usage: npm run bench:npx -- [--rounds <n>]

  Cold and warm npx time to the first 200: npx rtc-token-apis-tools mock against
  npx @stoplight/prism-cli@5.14.2 mock, from a local registry, side by side.
  --rounds <n>   measured rounds after the unmeasured first one (default 2)
  Exits 1 when the cold tools command takes half of Prism's time or more.`,
  { rounds: { type: 'string' } },
);
const rounds = Number(values.rounds ?? 2);
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error(`bench:npx: --rounds must be a positive integer; got "${values.rounds}"\nusage: npm run bench:npx -- [--rounds <n>]`);
  process.exit(2);
}

const root = join(import.meta.dirname, '..');
const run = promisify(execFile);
const RATIO_BUDGET = 0.5;
const PRISM_CLI = '@stoplight/prism-cli@5.14.2';
const body = JSON.stringify({ role: 'member', room: 'standup', participantName: 'Priya' });

function post(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/proconfToken', method: 'POST', headers: { authorization: 'Bearer any-session', 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

interface Contender {
  name: string;
  /** npx arguments, given the port to serve on. */
  args: (port: number) => string[];
}
const CONTENDERS: Contender[] = [
  { name: 'npx rtc-token-apis-tools mock', args: (port) => ['-y', 'rtc-token-apis-tools', 'mock', '--port', String(port), '--quiet'] },
  {
    name: `npx ${PRISM_CLI} mock`,
    args: (port) => ['-y', PRISM_CLI, 'mock', join(root, 'generated', 'bundled', 'proconf-app.json'), '-p', String(port), '-h', '127.0.0.1', '-v', 'warn'],
  },
];

/** Runs one npx command with `cache` as npm's cache; resolves with the ms from spawn to the first 200, then stops it. */
async function timeToFirst200(contender: Contender, npmrc: string, cache: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  // Its own process group: stopping it stops the server npx started too.
  const child = spawn('npx', contender.args(port), {
    cwd: tmpdir(),
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, npm_config_userconfig: npmrc, npm_config_cache: cache, npm_config_update_notifier: 'false', npm_config_loglevel: 'error' },
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk).slice(-2000);
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${contender.name} exited with ${child.exitCode} before serving: ${stderr}`);
      if (performance.now() - started > 600_000) throw new Error(`${contender.name} did not answer 200 within 10 minutes`);
      const status = await post(port).catch(() => 0);
      if (status === 200) return performance.now() - started;
      if (status !== 0) throw new Error(`${contender.name} answered ${status} to a valid request`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }
  }
}

/** Packages and MB npx installed into `cache`. */
function installed(cache: string): { packages: number; mb: number } {
  const npx = join(cache, '_npx');
  const modules = join(npx, readdirSync(npx)[0]!, 'node_modules');
  let packages = 0;
  const size = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return sum + size(path);
      return sum + (e.isFile() ? statSync(path).size : 0);
    }, 0);
  const count = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (!e.isDirectory() || e.name.startsWith('.')) continue;
      if (e.name.startsWith('@')) count(join(dir, e.name));
      else {
        packages++;
        const nested = join(dir, e.name, 'node_modules');
        try {
          if (statSync(nested).isDirectory()) count(nested);
        } catch {
          // no nested node_modules
        }
      }
    }
  };
  count(modules);
  return { packages, mb: size(modules) / 1e6 };
}

const registry = await startLocalRegistry();
const work = mkdtempSync(join(tmpdir(), 'rtc-bench-npx-'));
try {
  // This working tree's tools package, published by name (it depends on nothing: the client is bundled inside).
  await run('npm', ['publish', '--userconfig', registry.npmrc, '--loglevel=error'], { cwd: join(root, 'packages', 'tools'), maxBuffer: 16 * 1024 * 1024 });

  const results = new Map<string, { cold: number[]; warm: number[]; size?: { packages: number; mb: number } }>(
    CONTENDERS.map((c) => [c.name, { cold: [], warm: [] }]),
  );
  for (let round = 0; round <= rounds; round++) {
    // Alternate the order, so a burst of other load does not always hit the same side.
    const order = round % 2 === 0 ? CONTENDERS : [...CONTENDERS].reverse();
    for (const contender of order) {
      const cache = mkdtempSync(join(work, 'cache-'));
      const cold = await timeToFirst200(contender, registry.npmrc, cache);
      const warm = await timeToFirst200(contender, registry.npmrc, cache);
      const r = results.get(contender.name)!;
      r.size ??= installed(cache);
      rmSync(cache, { recursive: true, force: true });
      const label = round === 0 ? 'first round (fills the registry; not measured)' : `round ${round}`;
      console.log(`${label.padEnd(48)} ${contender.name.padEnd(48)} cold ${(cold / 1000).toFixed(1)} s, warm ${(warm / 1000).toFixed(1)} s`);
      if (round === 0) continue;
      r.cold.push(cold);
      r.warm.push(warm);
    }
  }

  console.log('');
  for (const [name, r] of results) {
    console.log(
      `${name.padEnd(48)} cold ${(median(r.cold) / 1000).toFixed(1)} s, warm ${(median(r.warm) / 1000).toFixed(1)} s (median of ${rounds}); installs ${r.size!.packages} packages, ${r.size!.mb.toFixed(1)} MB`,
    );
  }
  const [ours, prism] = CONTENDERS.map((c) => results.get(c.name)!);
  const coldRatio = median(ours!.cold) / median(prism!.cold);
  const warmRatio = median(ours!.warm) / median(prism!.warm);
  const ok = coldRatio < RATIO_BUDGET;
  console.log(`cold: ${coldRatio.toFixed(2)}x Prism's time (budget < ${RATIO_BUDGET}x): ${ok ? 'ok' : 'OVER BUDGET'}; warm: ${warmRatio.toFixed(2)}x`);
  process.exitCode = ok ? 0 : 1;
} finally {
  await registry.stop();
  rmSync(work, { recursive: true, force: true });
}
