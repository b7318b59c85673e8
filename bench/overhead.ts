// Per-call overhead: every contender against one target, measured with
// tinybench in many short interleaved rounds (order rotated each round) so
// that load from other processes hits all contenders alike; ratios are taken
// within a round, then the median over rounds is reported.
import { Bench } from 'tinybench';
import { BARE, RAW, contenders, type Contender, type Target } from './contenders.ts';
import { assertToken } from './fixtures.ts';
import { median, pairedRatio, pairedRatioRange, relativeIqr, roundOrder } from './stats.ts';

export interface OverheadPlan {
  readonly rounds: number;
  /** tinybench iterations per contender per round: short rounds keep paired figures close in time. */
  readonly iterations: number;
  /** Sequential calls per tinybench iteration (keeps samples well above timer resolution). */
  readonly batch: number;
  readonly warmupMs: number;
}

export interface ContenderResult {
  readonly name: string;
  /** Median over rounds of each round's median time per call, µs. */
  readonly perCallUs: number;
  readonly opsPerSec: number;
  /** Relative IQR of the per-round medians, %. */
  readonly spreadPct: number;
  readonly vsRaw: number;
  readonly vsBare: number;
  /** p25 and p75 of the per-round ratios to bare openapi-fetch. */
  readonly vsBareRange: readonly [number, number];
  readonly samples: number;
}

export interface TargetResult {
  readonly target: string;
  readonly plan: OverheadPlan;
  readonly results: readonly ContenderResult[];
}

function addTasks(bench: Bench, list: readonly Contender[], batch: number): void {
  for (const c of list) {
    bench.add(c.name, async () => {
      for (let i = 0; i < batch; i++) await c.call();
    });
  }
}

async function runRound(list: readonly Contender[], plan: OverheadPlan, round: number): Promise<Map<string, { us: number; n: number }>> {
  const bench = new Bench({ time: 0, iterations: plan.iterations, warmup: false, throws: true });
  addTasks(bench, roundOrder(list, round), plan.batch);
  await bench.run();
  const out = new Map<string, { us: number; n: number }>();
  for (const task of bench.tasks) {
    const r = task.result;
    if (r.state !== 'completed') throw new Error(`${task.name}: ${r.state}`);
    out.set(task.name, { us: (r.latency.p50 * 1000) / plan.batch, n: r.latency.samplesCount * plan.batch });
  }
  return out;
}

async function warmUp(list: readonly Contender[], plan: OverheadPlan): Promise<void> {
  for (const c of list) assertToken(await c.call(), c.name);
  const bench = new Bench({ time: 1, iterations: 1, warmup: true, warmupTime: plan.warmupMs, warmupIterations: 50, throws: true });
  addTasks(bench, list, plan.batch);
  await bench.run();
}

export async function measureOverhead(target: Target, plan: OverheadPlan, onRound?: (round: number) => void): Promise<TargetResult> {
  return { target: target.name, plan, results: await measureContenders(contenders(target), plan, onRound) };
}

/** Measures any contender list; the list must include RAW and BARE (the ratio bases). */
export async function measureContenders(list: readonly Contender[], plan: OverheadPlan, onRound?: (round: number) => void): Promise<ContenderResult[]> {
  await warmUp(list, plan);
  const perRound = new Map<string, number[]>(list.map((c) => [c.name, []]));
  const counts = new Map<string, number>(list.map((c) => [c.name, 0]));
  for (let round = 0; round < plan.rounds; round++) {
    for (const [name, { us, n }] of await runRound(list, plan, round)) {
      perRound.get(name)!.push(us);
      counts.set(name, counts.get(name)! + n);
    }
    onRound?.(round);
  }
  const raw = perRound.get(RAW)!;
  const bare = perRound.get(BARE)!;
  return list.map(({ name }): ContenderResult => {
    const us = perRound.get(name)!;
    const vsBare = pairedRatioRange(us, bare);
    const perCallUs = median(us);
    return {
      name,
      perCallUs,
      opsPerSec: 1e6 / perCallUs,
      spreadPct: relativeIqr(us),
      vsRaw: pairedRatio(us, raw),
      vsBare: vsBare.ratio,
      vsBareRange: [vsBare.p25, vsBare.p75],
      samples: counts.get(name)!,
    };
  });
}
