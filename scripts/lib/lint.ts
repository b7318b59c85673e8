// Runs Redocly lint with our config and counts warnings as failures too:
// the bar is zero errors AND zero warnings. Also runs the two linters teams
// most often point at what they installed, with their stock rulesets
// (Spectral's `spectral:oas`, Redocly's `recommended-strict`): zero errors there.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './apis.ts';

export interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  where: string;
}

export function lint(files: string[] = []): LintProblem[] {
  return redocly(['lint', ...files, '--format=json', '--max-problems=1000']);
}

function redocly(args: string[]): LintProblem[] {
  const result = spawnSync(join(repoRoot, 'node_modules', '.bin', 'redocly'), args, {
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

/** The documents the package ships: the hand-written specs and their bundles. */
export function shippedSpecFiles(): string[] {
  const list = (dir: string, ext: string) =>
    readdirSync(join(repoRoot, dir))
      .filter((f) => f.endsWith(ext))
      .sort()
      .map((f) => join(repoRoot, dir, f));
  return [...list('openapi', '.yaml'), ...list('generated/bundled', '.json')];
}

export interface StockProblem extends LintProblem {
  /** `spectral:oas` or `recommended-strict`. */
  ruleset: string;
}

/**
 * The files linted with the stock rulesets only, as a consumer would: Spectral
 * with `.spectral.yaml` (`spectral:oas`), Redocly with a config that only
 * extends `recommended-strict` (none of our rules, no ignore file).
 */
export function stockLint(files: string[] = shippedSpecFiles()): StockProblem[] {
  const spectral = spawnSync(
    join(repoRoot, 'node_modules', '.bin', 'spectral'),
    ['lint', '--ruleset', join(repoRoot, '.spectral.yaml'), '--format', 'json', '--quiet', ...files],
    {
      cwd: repoRoot,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const found = JSON.parse(spectral.stdout.slice(spectral.stdout.indexOf('['))) as {
    code: string;
    severity: number;
    message: string;
    source: string;
    path: string[];
  }[];
  const dir = mkdtempSync(join(tmpdir(), 'rtc-stock-lint-'));
  try {
    writeFileSync(join(dir, 'redocly.yaml'), 'extends:\n  - recommended-strict\n');
    const strict = redocly(['lint', ...files, `--config=${join(dir, 'redocly.yaml')}`, '--format=json', '--max-problems=1000']);
    return [
      ...found.map((p) => ({
        ruleset: 'spectral:oas',
        ruleId: p.code,
        severity: p.severity === 0 ? ('error' as const) : ('warn' as const),
        message: p.message,
        where: `${p.source}#/${p.path.join('/')}`,
      })),
      ...strict.map((p) => ({ ...p, ruleset: 'recommended-strict' })),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
