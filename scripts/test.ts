// `npm test`: spec lint, code lint/format and unused-code checks, generated-drift
// check, build, typecheck, vitest; then the
// plain `N passed, N failed` line CI reads, with vitest's real counts.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './lib/apis.ts';

const bin = (name: string) => join(repoRoot, 'node_modules', '.bin', name);
const report = (project: string) => join(repoRoot, 'test-output', `vitest-${project}.json`);
const vitest = (project: string) => ({
  name: `vitest ${project}`,
  // Both projects run even when the first has failures, so the counts are complete.
  keepGoing: true,
  cmd: bin('vitest'),
  args: ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${report(project)}`, ...process.argv.slice(2)],
});

const steps: { name: string; cmd: string; args: string[]; keepGoing?: boolean }[] = [
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
const projects = ['fast', 'e2e'];

mkdirSync(join(repoRoot, 'test-output'), { recursive: true });
for (const p of projects) rmSync(report(p), { force: true });
const timings: string[] = [];
let failedStep: string | undefined;
for (const step of steps) {
  const started = performance.now();
  console.log(`\n▶ ${step.name}`);
  const result = spawnSync(step.cmd, step.args, { cwd: repoRoot, stdio: 'inherit' });
  timings.push(`${step.name} ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (result.status !== 0) {
    failedStep ??= step.name;
    if (!step.keepGoing) break;
  }
}
console.log(`\nstep times: ${timings.join(', ')}`);

let passed = 0;
let failed = 0;
for (const project of projects) {
  try {
    const r = JSON.parse(readFileSync(report(project), 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      testResults: { status: string; assertionResults: { status: string }[] }[];
    };
    // A file that fails to load has no failed tests of its own: count it once.
    const brokenFiles = r.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed')).length;
    passed += r.numPassedTests;
    failed += r.numFailedTests + brokenFiles;
  } catch {
    // This project did not run (an earlier step failed) or crashed before reporting.
  }
}
if (failedStep) console.error(`step failed: ${failedStep}`);
if (failedStep && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedStep || failed > 0 ? 1 : 0);
