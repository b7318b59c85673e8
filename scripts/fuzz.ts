// `npm run fuzz`: property-based fuzzing of every operation against a fresh
// in-process mock. FUZZ_RUNS (default 1000) requests per operation, FUZZ_SEED
// to reproduce a run. Every invalid request is also sent to the mock here.
import { startMockServer } from '../src/mock/server.ts';
import { fuzzSettings, runFuzz } from './lib/fuzz/runner.ts';
import { scriptArgs, usageExit } from './lib/cli.ts';

const USAGE = `usage: [FUZZ_RUNS=<n>] [FUZZ_SEED=<n>] npm run fuzz

  Property-based fuzzing of every operation against a fresh in-process mock.
  FUZZ_RUNS   requests per operation (default 1000)
  FUZZ_SEED   seed, to reproduce a run`;
scriptArgs('fuzz', USAGE, {});
const { runs, seed } = (() => {
  try {
    return fuzzSettings();
  } catch (error) {
    return usageExit('fuzz', USAGE, (error as Error).message);
  }
})();
// Stateless, like the test suite's mock: the fuzzer sends any schema-valid
// value (an expire_at in the past, one refresh token many times), which the
// stateful provider rules rightly refuse.
const mock = await startMockServer({ port: 0, stateful: false });
const started = performance.now();
try {
  const reports = await runFuzz({ mockUrl: mock.url, runs, seed, concurrency: 20, mockEvery: 1 });
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  console.log(`fuzz: seed ${seed}, ${runs} requests per operation (FUZZ_SEED=${seed} FUZZ_RUNS=${runs} to reproduce)\n`);
  console.log(`${'operation'.padEnd(32)}${pad('tried', 8)}${pad('accepted', 10)}${pad('rejected', 10)}${pad('by mock', 9)}${pad('failures', 10)}`);
  for (const r of reports) {
    console.log(
      `${r.operationId.padEnd(32)}${pad(r.tried, 8)}${pad(r.accepted, 10)}${pad(r.rejected, 10)}${pad(r.rejectedByMock, 9)}${pad(r.failures.length, 10)}`,
    );
  }
  const sum = (f: (r: (typeof reports)[number]) => number) => reports.reduce((n, r) => n + f(r), 0);
  const failures = reports.flatMap((r) => r.failures.map((f) => `${r.operationId}: ${f}`));
  console.log(
    `\ntotal: ${sum((r) => r.tried)} tried, ${sum((r) => r.accepted)} accepted, ${sum((r) => r.rejected)} rejected, ${failures.length} failures (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
  for (const f of failures.slice(0, 20)) console.error(`FAIL ${f}`);
  process.exitCode = failures.length ? 1 : 0;
} finally {
  await mock.close();
}
