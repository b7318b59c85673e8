// `npm run bench:mock`: our mock against the bare Prism CLI, side by side in
// one run on 127.0.0.1: time from process start to the first 200, then
// requests/s and p50/p99 latency of the same validated POST /proconfToken.
// Throughput is compared in paired rounds (the two servers alternate, the
// order flips every pair) and judged on the median of the paired ratios, so
// other load on the machine hits both sides of a pair alike.
// Budgets, as ratios against Prism measured in the same run (absolute times
// swing with the machine's load): ready <= 0.5x Prism CLI's; throughput >= 1.0x
// Prism. Exits 1 on a miss.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { scriptArgs } from '../scripts/lib/cli.ts';
import { median, quantile } from './stats.ts';

scriptArgs(
  'bench:mock',
  `usage: npm run bench:mock

  Our mock against the bare Prism CLI, side by side: time to the first 200,
  requests/s and p50/p99 latency in paired rounds. Exits 1 when a budget is missed.`,
  {},
);

const root = join(import.meta.dirname, '..');
const READY_RATIO = 0.5;
const THROUGHPUT_RATIO = 1.0;
const CONCURRENCY = 16;
const WARM_MS = 1500;
const ROUND_MS = 1000;
const PAIRS = 15;
const READY_RUNS = 5;
const BODY = JSON.stringify({ role: 'owner', room: 'testRoom', participantName: 'Alex' });
const HEADERS = {
  'content-type': 'application/json',
  'content-length': String(Buffer.byteLength(BODY)),
  authorization: 'Bearer demo-user-session-token',
  accept: 'application/json',
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
      .listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      })
      .on('error', reject);
  });
}

function post(port: number, agent?: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/proconfToken', method: 'POST', headers: HEADERS, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(BODY);
  });
}

/** Spawns a server and polls until it first answers 200; returns the elapsed ms. */
async function startTimed(name: string, args: string[], port: number): Promise<{ child: ChildProcess; readyMs: number }> {
  const started = performance.now();
  // stdout goes to /dev/null: our mock still writes its default log line per request.
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before serving`);
    if (performance.now() - started > 30_000) throw new Error(`${name} did not answer 200 within 30 s`);
    const status = await post(port).catch(() => 0);
    if (status === 200) return { child, readyMs: performance.now() - started };
    if (status !== 0) throw new Error(`${name} answered ${status} to a valid request`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** CPU time (user + system, ms) a process has used so far, where /proc tells it. */
function cpuMs(pid: number | undefined): number | undefined {
  const stat = `/proc/${pid}/stat`;
  if (pid === undefined || !existsSync(stat)) return undefined;
  const fields = readFileSync(stat, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

interface Round {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** Server CPU per answered request, µs: less disturbed by other load than rps. */
  cpuUs?: number;
}

/** A bounded closed loop: CONCURRENCY keep-alive clients for `ms`. */
async function load(port: number, ms: number, pid?: number): Promise<Round> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let errors = 0;
  const cpuBefore = cpuMs(pid);
  const end = performance.now() + ms;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const status = await post(port, agent).catch(() => 0);
        if (status === 200) latencies.push(performance.now() - t);
        else errors++;
      }
    }),
  );
  const cpuAfter = cpuMs(pid);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  const cpuUs = cpuBefore !== undefined && cpuAfter !== undefined && latencies.length ? ((cpuAfter - cpuBefore) * 1000) / latencies.length : undefined;
  return { rps: latencies.length / (ms / 1000), p50: at(0.5), p99: at(0.99), errors, cpuUs };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** In-process: startMockServer() to the first 200, with the modules already loaded by an earlier start. */
async function inProcessReadyMs(): Promise<number> {
  const { startMockServer } = await import('../src/mock/index.ts');
  await (await startMockServer({ port: 0 })).close();
  const started = performance.now();
  const mock = await startMockServer({ port: 0 });
  const status = await post(mock.port);
  const ms = performance.now() - started;
  await mock.close();
  if (status !== 200) throw new Error(`in-process mock answered ${status}`);
  return ms;
}

// Our bin exactly as the package ships it: tsc's output, whose dynamic imports
// let it bind the port and skip faker before Prism loads (a bundler would
// hoist them into static imports and measure something users never run).
const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) throw new Error('npm run build failed');
const ours = join(root, 'dist', 'src', 'cli', 'main.js');

const [ourPort, prismPort] = await Promise.all([freePort(), freePort()]);
const children: ChildProcess[] = [];
process.once('exit', () => children.forEach((c) => c.kill('SIGKILL')));
let exitCode = 0;
try {
  // Our mock as `rtc-token-apis mock` runs by default: every API, the stateful
  // mode, /docs, a log line per request. Prism at its quietest (`-v warn`).
  const ourArgs = [ours, 'mock', '--port', String(ourPort)];
  const prismArgs = [
    join(root, 'node_modules/@stoplight/prism-cli/dist/index.js'),
    'mock',
    join(root, 'generated/bundled/proconf-app.json'),
    '-p',
    String(prismPort),
    '-h',
    '127.0.0.1',
    '-v',
    'warn',
  ];
  // Cold starts, alternating, median of READY_RUNS each; the last pair stays up for the load test.
  const readies = { ours: [] as number[], prism: [] as number[] };
  let mine!: Awaited<ReturnType<typeof startTimed>>;
  let prism!: Awaited<ReturnType<typeof startTimed>>;
  for (let i = 0; i < READY_RUNS; i++) {
    mine = await startTimed('our mock', ourArgs, ourPort);
    readies.ours.push(mine.readyMs);
    prism = await startTimed('prism', prismArgs, prismPort);
    readies.prism.push(prism.readyMs);
    if (i < READY_RUNS - 1) await Promise.all([stop(mine.child), stop(prism.child)]);
  }
  children.push(mine.child, prism.child);
  const ourReady = median(readies.ours);
  const prismReady = median(readies.prism);
  const inProcess = await inProcessReadyMs();

  // Warm both (JIT, schema compilation), then paired rounds, the order flipping every pair.
  await load(ourPort, WARM_MS);
  await load(prismPort, WARM_MS);
  const rounds = { ours: [] as Round[], prism: [] as Round[] };
  for (let i = 0; i < PAIRS; i++) {
    const sides = [
      ['ours', ourPort, mine.child.pid],
      ['prism', prismPort, prism.child.pid],
    ] as const;
    for (const [key, port, pid] of i % 2 ? [...sides].reverse() : sides) rounds[key].push(await load(port, ROUND_MS, pid));
  }
  const ratios = rounds.ours.map((r, i) => r.rps / rounds.prism[i]!.rps);
  const ratio = median(ratios);
  const readyRatio = ourReady / prismReady;
  const cpuRatios = rounds.ours.flatMap((r, i) => (r.cpuUs !== undefined && rounds.prism[i]!.cpuUs ? [r.cpuUs / rounds.prism[i]!.cpuUs!] : []));
  const errors = [...rounds.ours, ...rounds.prism].reduce((n, r) => n + r.errors, 0);
  const med = (rs: Round[], f: (r: Round) => number | undefined) => {
    const xs = rs.map(f).filter((x): x is number => x !== undefined);
    return xs.length ? median(xs) : NaN;
  };
  const cell = (rs: Round[], f: (r: Round) => number | undefined, digits: number, width = 8) => med(rs, f).toFixed(digits).padStart(width);
  const row = (name: string, ready: number, rs: Round[]) =>
    [
      name.padEnd(22),
      ready.toFixed(0).padStart(8),
      cell(rs, (r) => r.rps, 0),
      cell(rs, (r) => r.p50, 2),
      cell(rs, (r) => r.p99, 2),
      cell(rs, (r) => r.cpuUs, 0, 11),
      String(rs.reduce((n, r) => n + r.errors, 0)).padStart(7),
    ].join(' ');
  console.log(`validated POST /proconfToken, ${CONCURRENCY} keep-alive clients, ${PAIRS} paired rounds of ${ROUND_MS} ms per server (medians)`);
  console.log(
    `${'server'.padEnd(22)} ${'ready ms'.padStart(8)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'cpu µs/req'.padStart(11)} ${'errors'.padStart(7)}`,
  );
  console.log(row('our mock (every API)', ourReady, rounds.ours));
  console.log(row('prism CLI (one API)', prismReady, rounds.prism));
  console.log(
    `ready = process spawn to first 200, median of ${READY_RUNS} (ours: ${readies.ours.map((x) => x.toFixed(0)).join(', ')}; prism: ${readies.prism.map((x) => x.toFixed(0)).join(', ')})`,
  );
  console.log(`in-process startMockServer() to first 200: ${inProcess.toFixed(0)} ms`);
  console.log(
    `throughput ratio ours/prism: ${ratio.toFixed(2)}x, median of ${PAIRS} paired rounds (IQR ${quantile(ratios, 0.25).toFixed(2)}-${quantile(ratios, 0.75).toFixed(2)}; budget >= ${THROUGHPUT_RATIO}x)`,
  );
  if (cpuRatios.length)
    console.log(`server CPU per request ours/prism: ${median(cpuRatios).toFixed(2)}x, median of ${cpuRatios.length} paired rounds (lower is better)`);
  console.log(`ready ratio ours/prism: ${readyRatio.toFixed(2)}x (budget <= ${READY_RATIO}x)`);
  const misses = [
    readyRatio > READY_RATIO && `ready ${readyRatio.toFixed(2)}x of Prism's > ${READY_RATIO}x`,
    ratio < THROUGHPUT_RATIO && `throughput ${ratio.toFixed(2)}x < ${THROUGHPUT_RATIO}x of Prism`,
    errors > 0 && `${errors} requests did not get a 200`,
  ].filter(Boolean);
  for (const m of misses) console.error(`budget missed: ${m}`);
  exitCode = misses.length ? 1 : 0;
} catch (error) {
  console.error(`bench:mock failed: ${(error as Error).message}`);
  exitCode = 1;
} finally {
  await Promise.all(children.map(stop));
}
process.exit(exitCode);
