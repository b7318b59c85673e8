// `npm test`: lint, generated-drift check, build, typecheck, vitest; then the
// plain `N passed, N failed` line CI reads, with vitest's real counts.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './lib/apis.ts';

const bin = (name: string) => join(repoRoot, 'node_modules', '.bin', name);
const reportFile = join(repoRoot, 'test-output', 'vitest-report.json');

const steps: { name: string; cmd: string; args: string[]; env?: Record<string, string> }[] = [
  { name: 'lint', cmd: bin('tsx'), args: ['scripts/lint.ts'] },
  { name: 'generated is fresh', cmd: bin('tsx'), args: ['scripts/generate.ts', '--check'] },
  { name: 'build', cmd: process.execPath, args: ['scripts/build.mjs'] },
  { name: 'typecheck', cmd: bin('tsc'), args: ['-p', 'tsconfig.json'] },
  { name: 'vitest', cmd: bin('vitest'), args: ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`, ...process.argv.slice(2)] },
];

mkdirSync(join(repoRoot, 'test-output'), { recursive: true });
rmSync(reportFile, { force: true });
const timings: string[] = [];
let failedStep: string | undefined;
for (const step of steps) {
  const started = performance.now();
  console.log(`\n▶ ${step.name}`);
  const result = spawnSync(step.cmd, step.args, { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, ...step.env } });
  timings.push(`${step.name} ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (result.status !== 0) {
    failedStep = step.name;
    break;
  }
}
console.log(`\nstep times: ${timings.join(', ')}`);

let passed = 0;
let failed = 0;
try {
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    testResults: { status: string; assertionResults: { status: string }[] }[];
  };
  passed = report.numPassedTests;
  // A file that fails to load has no failed tests of its own: count it once.
  const brokenFiles = report.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed')).length;
  failed = report.numFailedTests + brokenFiles;
} catch {
  // vitest did not run (an earlier step failed) or crashed before reporting.
}
if (failedStep) console.error(`step failed: ${failedStep}`);
if (failedStep && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedStep || failed > 0 ? 1 : 0);
