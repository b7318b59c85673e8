// `npm run bench`: per-call overhead, bundle sizes and tooling times, printed
// as one table with every budget; exits 1 when a budget is missed.
//   --only=overhead,bundle,tooling,vitest   run some parts only (vitest: the
//                                           budgeted fast suite alone, of tooling)
//   --quick                          fewer rounds (a smoke run; ratios are noisier)
//   --write                          also write bench/RESULTS.md
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measureBundles } from './bundle-size.ts';
import { LOOPBACK, STUBBED } from './contenders.ts';
import { stubFetch } from './fixtures.ts';
import { startLoopback } from './loopback.ts';
import { describeMachine, machineLine } from './machine.ts';
import { measureOverhead, type OverheadPlan, type TargetResult } from './overhead.ts';
import { budgetChecks, checksTable, figuresTable, resultsMarkdown, type BenchResults } from './report.ts';
import { measureTooling, type StepResult } from './tooling.ts';
import { scriptArgs, usageExit } from '../scripts/lib/cli.ts';

const USAGE = `usage: npm run bench [-- --only=overhead,bundle,tooling,vitest] [--quick] [--write]`;
const { values: parsed } = scriptArgs('bench', USAGE, { only: { type: 'string' }, quick: { type: 'boolean' }, write: { type: 'boolean' } });
const PARTS = ['overhead', 'bundle', 'tooling', 'vitest'];
for (const part of parsed.only?.split(',') ?? []) if (!PARTS.includes(part)) usageExit('bench', USAGE, `--only takes ${PARTS.join(', ')}; got "${part}"`);
const args = process.argv.slice(2);
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const wants = (part: string) => !only || only.includes(part);
const quick = args.includes('--quick');

const STUBBED_PLAN: OverheadPlan = { rounds: quick ? 15 : 100, iterations: 10, batch: 10, warmupMs: 300 };
const LOOPBACK_PLAN: OverheadPlan = { rounds: quick ? 10 : 100, iterations: 8, batch: 4, warmupMs: 300 };

const log = (line: string) => process.stderr.write(`${line}\n`);

async function overhead(): Promise<TargetResult[]> {
  log(`overhead: ${STUBBED}…`);
  const stubbed = await measureOverhead({ name: STUBBED, fetch: stubFetch, baseUrl: 'http://127.0.0.1:9' }, STUBBED_PLAN);
  log(`overhead: ${LOOPBACK}…`);
  const server = await startLoopback();
  try {
    return [stubbed, await measureOverhead({ name: LOOPBACK, fetch: globalThis.fetch, baseUrl: server.baseUrl }, LOOPBACK_PLAN)];
  } finally {
    server.stop();
  }
}

const logStep = (s: StepResult) =>
  log(
    `tooling: ${s.name} ${(s.ms / 1000).toFixed(1)} s${s.calibrationMs ? ` (calibration ${(s.calibrationMs / 1000).toFixed(1)} s)` : ''}${s.cpuMs ? `, CPU ${(s.cpuMs / 1000).toFixed(1)} s (calibration ${((s.calibrationCpuMs ?? 0) / 1000).toFixed(1)} s)` : ''}${s.ok ? '' : ` FAILED\n${s.tail}`}`,
  );

const machine = describeMachine();
log(machineLine(machine));
const results: BenchResults = {
  machine,
  ...(wants('overhead') ? { overhead: await overhead() } : {}),
  ...(wants('bundle') ? { bundles: await measureBundles() } : {}),
  ...(wants('tooling') || only?.includes('vitest') ? { tooling: await measureTooling(logStep, !wants('tooling')) } : {}),
};

const checks = budgetChecks(results);
const notes = [
  ...(quick ? ['Quick run (--quick): fewer rounds, noisier ratios.'] : []),
  `Load average at the end of the run: ${(await import('node:os'))
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')} (on ${machine.cores} cores); other work on the machine inflates absolute times and the vitest figure.`,
];
console.log(`\n${machineLine(machine)}\n\n${figuresTable(results)}\n\n${checksTable(checks)}\n`);
for (const n of notes) console.log(`note: ${n}`);
if (args.includes('--write')) {
  writeFileSync(join(import.meta.dirname, 'RESULTS.md'), resultsMarkdown(results, checks, notes));
  log('wrote bench/RESULTS.md');
}
const missed = checks.filter((c) => !c.ok);
console.log(missed.length ? `${missed.length} of ${checks.length} budgets missed` : `all ${checks.length} budgets met`);
process.exit(missed.length ? 1 : 0);
