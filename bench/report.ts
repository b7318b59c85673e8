// Turns the measurements into the one figures table, the budget verdicts and
// bench/RESULTS.md.
import { BUDGETS, checkAtMost, type BudgetCheck } from './budgets.ts';
import type { BundleResult } from './bundle-size.ts';
import { LOOPBACK, OURS, OURS_VALIDATED, STUBBED } from './contenders.ts';
import { machineLine, type Machine } from './machine.ts';
import type { TargetResult } from './overhead.ts';
import { fmt, markdownTable } from './table.ts';
import { VITEST_FAST, type StepResult } from './tooling.ts';

export interface BenchResults {
  readonly machine: Machine;
  readonly overhead?: readonly TargetResult[];
  readonly bundles?: readonly BundleResult[];
  readonly tooling?: readonly StepResult[];
}

const OVERHEAD_LIMITS: readonly { target: string; contender: string; limit: number }[] = [
  { target: STUBBED, contender: OURS, limit: BUDGETS.stubbedRatio },
  { target: LOOPBACK, contender: OURS, limit: BUDGETS.loopbackRatio },
  { target: STUBBED, contender: OURS_VALIDATED, limit: BUDGETS.validatedStubbedRatio },
];
export const SIGNALWIRE_ENTRY = 'rtc-token-apis/signalwire';
export const PROCONF_APP_ENTRY = 'ProCONF app-server client alone';
export const SIGNALWIRE_APP_ENTRY = 'rtc-token-apis/signalwire-app';
export const SIGNALWIRE_APP_CLIENT = 'SignalWire app-server client alone';
const BUNDLE_LIMITS: Record<string, number> = {
  [SIGNALWIRE_ENTRY]: BUDGETS.signalwireGzip,
  [PROCONF_APP_ENTRY]: BUDGETS.proconfAppGzip,
  [SIGNALWIRE_APP_ENTRY]: BUDGETS.signalwireAppGzip,
  [SIGNALWIRE_APP_CLIENT]: BUDGETS.signalwireAppClientGzip,
};

const overheadLimit = (target: string, contender: string) => OVERHEAD_LIMITS.find((l) => l.target === target && l.contender === contender)?.limit;

export function budgetChecks(r: BenchResults): BudgetCheck[] {
  const checks: BudgetCheck[] = [];
  for (const { target, contender, limit } of OVERHEAD_LIMITS) {
    const row = r.overhead?.find((t) => t.target === target)?.results.find((c) => c.name === contender);
    if (row) checks.push(checkAtMost(`${contender}, ${target}: time per call vs bare openapi-fetch`, row.vsBare, limit, fmt.x));
  }
  for (const b of r.bundles ?? []) {
    const limit = BUNDLE_LIMITS[b.name];
    if (limit !== undefined) checks.push(checkAtMost(`${b.name}: gzip size`, b.gzipBytes, limit, fmt.kb));
    if (!b.name.endsWith('/validation')) {
      checks.push({
        name: `${b.name}: no validation code bundled`,
        measured: b.leaked.length ? b.leaked.join(', ') : 'none',
        limit: 'none',
        ok: b.leaked.length === 0,
      });
    }
  }
  const vitest = r.tooling?.find((s) => s.name === VITEST_FAST);
  if (vitest) {
    const check = checkAtMost('vitest step (fast project) over the calibration workload (CPU time)', vitestRatio(vitest), BUDGETS.vitestRatio, fmt.x);
    checks.push(vitest.ok ? check : { ...check, measured: `${check.measured} (tests failed)`, ok: false });
  }
  return checks;
}

/**
 * The fast suite in calibration units (bench/calibration.ts): CPU time over
 * CPU time where /proc tells it (steady under other load: 8.8–9.7× in runs
 * whose wall ratio swung 6.4–9.4×, bench/FINDINGS.md), else wall over wall.
 * No calibration is no figure.
 */
const vitestRatio = (s: StepResult) => (s.cpuMs && s.calibrationCpuMs ? s.cpuMs / s.calibrationCpuMs : s.calibrationMs ? s.ms / s.calibrationMs : Number.NaN);
const wallRatio = (s: StepResult) => (s.calibrationMs ? s.ms / s.calibrationMs : Number.NaN);

const HEADER = ['Part', 'Item', 'Measured', 'Spread', '× raw fetch', '× openapi-fetch (p25–p75)', 'Budget', 'Result'];
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

function overheadRows(t: TargetResult): string[][] {
  return t.results.map((c) => {
    const limit = overheadLimit(t.target, c.name);
    const aim = t.target === STUBBED && c.name === OURS ? ` (aim ${fmt.x(BUDGETS.stubbedAim)})` : '';
    return [
      `overhead: ${t.target}`,
      c.name,
      `${fmt.int(c.opsPerSec)} ops/s · ${fmt.us(c.perCallUs)}`,
      `IQR ${fmt.pct(c.spreadPct)}`,
      fmt.x(c.vsRaw),
      `${fmt.x(c.vsBare)} (${c.vsBareRange[0].toFixed(2)}–${c.vsBareRange[1].toFixed(2)})`,
      limit === undefined ? '' : `<= ${fmt.x(limit)}${aim}`,
      limit === undefined ? '' : verdict(c.vsBare <= limit),
    ];
  });
}

function bundleRows(b: BundleResult): string[] {
  const limit = BUNDLE_LIMITS[b.name];
  const leakOk = b.leaked.length === 0;
  const sizeOk = limit === undefined || b.gzipBytes <= limit;
  const budget = [
    ...(limit === undefined ? [] : [`<= ${fmt.kb(limit)} gzip`]),
    ...(b.name.endsWith('/validation') ? [] : [leakOk ? 'no validation code' : 'VALIDATION CODE BUNDLED']),
  ];
  return [
    'bundle (esbuild, min, browser)',
    b.name,
    `${fmt.kb(b.rawBytes)} min · ${fmt.kb(b.gzipBytes)} gzip`,
    '',
    '',
    '',
    budget.join(', '),
    limit === undefined && b.name.endsWith('/validation') ? '' : verdict(sizeOk && leakOk),
  ];
}

function toolingRow(s: StepResult): string[] {
  const budgeted = s.name === VITEST_FAST;
  return [
    'tooling (wall time)',
    s.name,
    `${fmt.s(s.ms)}${s.calibrationMs ? ` · wall ${fmt.x(wallRatio(s))} calibration (${fmt.s(s.calibrationMs)})` : ''}${s.cpuMs && s.calibrationCpuMs ? ` · CPU ${fmt.s(s.cpuMs)}, ${fmt.x(vitestRatio(s))} calibration (${fmt.s(s.calibrationCpuMs)})` : ''}${s.ok ? '' : ' (failed)'}`,
    '',
    '',
    '',
    budgeted ? `<= ${fmt.x(BUDGETS.vitestRatio)} calibration` : '',
    budgeted ? verdict(s.ok && vitestRatio(s) <= BUDGETS.vitestRatio) : '',
  ];
}

export function figuresTable(r: BenchResults): string {
  const rows = [...(r.overhead ?? []).flatMap(overheadRows), ...(r.bundles ?? []).map(bundleRows), ...(r.tooling ?? []).map(toolingRow)];
  return markdownTable(HEADER, rows);
}

export function checksTable(checks: readonly BudgetCheck[]): string {
  return markdownTable(
    ['Budget', 'Measured', 'Limit', 'Result'],
    checks.map((c) => [c.name, c.measured, c.limit, verdict(c.ok)]),
  );
}

function planLines(r: BenchResults): string[] {
  return (r.overhead ?? []).map(
    ({ target, plan }) =>
      `- ${target}: ${plan.rounds} rounds × ${plan.iterations} tinybench iterations × ${plan.batch} sequential calls per contender, after ${plan.warmupMs} ms of warm-up each.`,
  );
}

function bundleBreakdown(r: BenchResults): string[] {
  const budgeted = (r.bundles ?? []).filter((b) => BUNDLE_LIMITS[b.name] !== undefined);
  return budgeted.flatMap((b) => [
    '',
    `### ${b.name}: minified bytes per input`,
    '',
    markdownTable(
      ['Input', 'Bytes'],
      b.breakdown.map(([path, bytes]) => [path, String(bytes)]),
    ),
  ]);
}

export function resultsMarkdown(r: BenchResults, checks: readonly BudgetCheck[], notes: readonly string[]): string {
  const missed = checks.filter((c) => !c.ok).length;
  return [
    '# Benchmark results',
    '',
    'Written by `npm run bench -- --write` from a real run; rerun it to refresh. Figures are only comparable within one run.',
    '',
    `Machine: ${machineLine(r.machine)}`,
    '',
    '## Figures',
    '',
    figuresTable(r),
    '',
    `## Budgets: ${checks.length - missed} met, ${missed} missed`,
    '',
    checksTable(checks),
    '',
    ...(missed ? ['Why the missed budgets are missed, and what would fix them (profiled): [FINDINGS.md](FINDINGS.md).', ''] : []),
    '## Method',
    '',
    '- Per-call overhead: the same guest token POST (`createSubscriberGuestToken`) by every contender, measured with tinybench in many short rounds; the order of the contenders rotates every round (and reverses every other pass), each round gives each contender its median time per call, ratios are taken between contenders of the same round, and the table shows the median over rounds. Spread is the interquartile range of the per-round medians, relative to their median.',
    "- Stubbed target: an injected `fetch` that returns a fresh ready `Response` (201, JSON) per call. Loopback target: a keep-alive `node:http` server on 127.0.0.1 in its own process, via Node's global fetch (undici).",
    ...planLines(r),
    '- Bundles: esbuild, `bundle`, `minify`, tree-shaking, `platform: browser`, ESM, from the sources; gzip level 9. Validation code is detected from the metafile inputs (`generated/validators/`, `src/validation/`, ajv).',
    '- Tooling: each step run once in a snapshot of the working tree (node_modules linked), so generated/ and dist/ in the checkout are never rewritten. The fast vitest project is budgeted in calibration units: its CPU time (its processes, from /proc) over that of a fixed two-thread workload (`bench/calibration.ts`) run just before and just after it (mean of the two); the wall-time ratio is shown beside it.',
    ...bundleBreakdown(r),
    ...(notes.length ? ['', '## Notes', '', ...notes.map((n) => `- ${n}`)] : []),
    '',
  ].join('\n');
}
