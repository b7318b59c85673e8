// Runs Redocly lint with our config and counts warnings as failures too:
// the bar is zero errors AND zero warnings.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './apis.ts';

export interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  where: string;
}

export function lint(files: string[] = []): LintProblem[] {
  const result = spawnSync(join(repoRoot, 'node_modules', '.bin', 'redocly'), ['lint', ...files, '--format=json', '--max-problems=1000'], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const reports = jsonObjects(result.stdout) as {
    problems: { ruleId: string; severity: 'error' | 'warn'; message: string; location: { source: { ref: string }; pointer: string }[] }[];
  }[];
  if (reports.length === 0) throw new Error(`redocly lint printed no report:\n${result.stderr}`);
  return reports
    .flatMap((r) => r.problems)
    .map((p) => ({
      ruleId: p.ruleId,
      severity: p.severity,
      message: p.message,
      where: p.location[0] ? `${p.location[0].source.ref}${p.location[0].pointer}` : '',
    }));
}

/** Redocly prints one JSON report per API, back to back: split them. */
function jsonObjects(text: string): unknown[] {
  const out: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' && depth++ === 0) start = i;
    else if (c === '}' && --depth === 0) out.push(JSON.parse(text.slice(start, i + 1)));
  }
  return out;
}
