// Tooling speed: wall time of `npm run generate` and of each step of
// `npm test`, run in a snapshot of the working tree (node_modules linked) so
// the bench never rewrites generated/ or dist/ under anyone's feet. The fast
// vitest project, the one budgeted step, is timed between two runs of the
// calibration workload (bench/calibration.ts): its budget is the ratio.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { calibrate } from './calibration.ts';

const root = join(import.meta.dirname, '..');
const SKIP = new Set(['node_modules', '.git', 'dist', 'build', 'test-output', '.scratch']);

export const VITEST_FAST = 'test: vitest --project fast';

export interface Step {
  readonly name: string;
  readonly cmd: string;
  readonly args: readonly string[];
}

export interface StepResult {
  readonly name: string;
  readonly ms: number;
  readonly ok: boolean;
  /** Last lines of output when the step failed. */
  readonly tail?: string;
  /** The fast suite only: the calibration workload's wall time, ms (mean of the runs just before and after). */
  readonly calibrationMs?: number;
  /** The fast suite only, where /proc tells it: CPU time of the step's processes, and of the calibration workload (mean), ms. */
  readonly cpuMs?: number;
  readonly calibrationCpuMs?: number;
}

/** CPU time (user + system, ms) of this process's finished children, where /proc tells it (Linux). */
function childrenCpuMs(): number | undefined {
  try {
    // cutime and cstime, fields 16 and 17, in clock ticks (USER_HZ, 100 on Linux).
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

const bin = (dir: string, name: string) => join(dir, 'node_modules', '.bin', name);

/** The steps of `npm test` as scripts/test.ts runs them, preceded by `npm run generate`. */
export function toolingSteps(dir: string): Step[] {
  return [
    { name: 'npm run generate', cmd: 'npm', args: ['run', '--silent', 'generate'] },
    { name: 'test: lint', cmd: bin(dir, 'tsx'), args: ['scripts/lint.ts'] },
    { name: 'test: generated is fresh', cmd: bin(dir, 'tsx'), args: ['scripts/generate.ts', '--check'] },
    buildStep,
    { name: 'test: typecheck', cmd: bin(dir, 'tsc'), args: ['-p', 'tsconfig.json'] },
    { name: 'test: vitest (all projects, as npm test runs it)', cmd: bin(dir, 'vitest'), args: ['run'] },
    fastSuite(dir),
  ];
}

const buildStep: Step = { name: 'test: build', cmd: process.execPath, args: ['scripts/build.mjs'] };

/** The budgeted step: end-to-end tests (npm pack, Chromium, spawned processes) are their own project. */
const fastSuite = (dir: string): Step => ({ name: VITEST_FAST, cmd: bin(dir, 'vitest'), args: ['run', '--project', 'fast'] });

/** Copies the working tree (sources only) to a temporary git repository sharing node_modules. */
export function snapshot(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'rtc-bench-'));
  cpSync(root, dir, {
    recursive: true,
    filter: (src) => {
      const rel = relative(root, src);
      return rel === '' || (!SKIP.has(rel.split(/[\\/]/)[0]!) && !rel.endsWith('.tgz'));
    },
  });
  // A repository of its own, the working tree as one commit: the fresh-clone test clones it.
  const git = (...args: string[]) => spawnSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.name=bench', '-c', 'user.email=bench@localhost', 'commit', '-qm', 'bench snapshot');
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function runStep(step: Step, cwd: string): StepResult {
  const started = performance.now();
  const r = spawnSync(step.cmd, step.args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  const ms = performance.now() - started;
  const ok = r.status === 0;
  const tail = ok ? undefined : `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}`.trim().split('\n').slice(-8).join('\n');
  return { name: step.name, ms, ok, ...(tail !== undefined ? { tail } : {}) };
}

/** Runs a step; the fast suite between two calibration runs, so its ratio is taken side by side. */
async function measureStep(step: Step, cwd: string): Promise<StepResult> {
  if (step.name !== VITEST_FAST) return runStep(step, cwd);
  const before = await calibrate();
  const cpuBefore = childrenCpuMs();
  const result = runStep(step, cwd);
  const cpuAfter = childrenCpuMs();
  const after = await calibrate();
  const cpu = cpuBefore !== undefined && cpuAfter !== undefined ? { cpuMs: cpuAfter - cpuBefore, calibrationCpuMs: (before.cpuMs + after.cpuMs) / 2 } : {};
  return { ...result, calibrationMs: (before.ms + after.ms) / 2, ...cpu };
}

/** Every step of `npm test` (or, with `fastOnly`, the build some fast tests read, then the budgeted fast suite), in a snapshot. */
export async function measureTooling(onStep?: (r: StepResult) => void, fastOnly = false): Promise<StepResult[]> {
  const snap = snapshot();
  try {
    const results: StepResult[] = [];
    for (const step of fastOnly ? [buildStep, fastSuite(snap.dir)] : toolingSteps(snap.dir)) {
      const result = await measureStep(step, snap.dir);
      onStep?.(result);
      results.push(result);
    }
    return results;
  } finally {
    snap.remove();
  }
}
