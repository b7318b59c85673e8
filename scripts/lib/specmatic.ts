// Runs Specmatic's contract tests (example-based and generative) for one
// bundled API against a server, and reads back what it found: test counts and
// which documented statuses its tests exercised. The documented statuses come
// from the bundle itself, so a status Specmatic silently skips is a failure.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';
import { repoRoot } from './apis.ts';

export interface SpecmaticResult {
  api: string;
  tests: number;
  failures: number;
  /** `POST /path 404` for every documented response. */
  documented: string[];
  /** The documented responses Specmatic's tests did not exercise (the unexercisable ones apart). */
  notExercised: string[];
  /** Listed in specmatic/unexercisable.yaml as beyond Specmatic, and indeed not exercised. */
  unexercisable: string[];
  /** Listed as unexercisable but exercised after all: a stale entry. */
  staleUnexercisable: string[];
  /** Specmatic's full output, for diagnosis. */
  output: string;
}

const JAR = join(repoRoot, 'node_modules', 'specmatic', 'specmatic.jar');
const dirOf = (kind: string, api: string, ext = '') => join(repoRoot, 'specmatic', kind, api + ext);

function documentedResponses(api: string): string[] {
  const doc = JSON.parse(readFileSync(join(repoRoot, 'generated', 'bundled', `${api}.json`), 'utf8'));
  return Object.entries<Record<string, { responses?: object }>>(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).flatMap(([method, op]) => Object.keys(op.responses ?? {}).map((status) => `${method.toUpperCase()} ${path} ${status}`)),
  );
}

/** Responses of this API that no Specmatic test can exercise (specmatic/unexercisable.yaml says why). */
function unexercisableResponses(api: string): string[] {
  const file = join(repoRoot, 'specmatic', 'unexercisable.yaml');
  return existsSync(file) ? ((parse(readFileSync(file, 'utf8')) as Record<string, string[]> | null)?.[api] ?? []) : [];
}

type Json = Record<string, any>;

/** `$.a['b'].c` -> ['a', 'b', 'c']: the JSONPath subset our overlays use. */
function segments(target: string): string[] {
  if (!target.startsWith('$')) throw new Error(`overlay target must start with $: ${target}`);
  return [...target.slice(1).matchAll(/\.([A-Za-z0-9_-]+)|\['([^']+)'\]/g)].map((m) => m[1] ?? m[2]!);
}

/**
 * Applies an OpenAPI Overlay 1.0 (`update` merges, `remove` deletes) to a copy
 * of the document. Done here rather than with Specmatic's --overlay-file,
 * which 2.55.1 ignores once --examples is given.
 */
export function applyOverlay(document: Json, overlay: { actions: { target: string; update?: Json; remove?: boolean }[] }): Json {
  const doc = structuredClone(document);
  for (const action of overlay.actions) {
    const path = segments(action.target);
    const parent = path.slice(0, -1).reduce<Json | undefined>((node, key) => node?.[key], doc);
    const last = path[path.length - 1]!;
    if (!parent || !(last in parent)) throw new Error(`overlay target ${action.target} matches nothing`);
    if (action.remove) delete parent[last];
    else if (action.update) parent[last] = { ...parent[last], ...action.update };
  }
  return doc;
}

/** Rows of the coverage table: `| 80% | /path | POST | ... | 404 | application/json | covered | 1p |`. */
function coveredResponses(output: string): Set<string> {
  const covered = new Set<string>();
  let path = '';
  let method = '';
  for (const line of output.split('\n')) {
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    if (cells.length !== 8 || !/^\d{3}$/.test(cells[4]!)) continue;
    if (cells[1]) [path, method] = [cells[1], cells[2]!];
    if (cells[6] === 'covered') covered.add(`${method} ${path} ${cells[4]}`);
  }
  return covered;
}

/**
 * The mock Specmatic runs against: stateless. Its generative tests send any
 * schema-valid value (an `expire_at` of 499, a refresh token it never got)
 * and expect the documented success; they cannot know the provider's state
 * rules, which the stateful mode applies (a past `expire_at` is a 422).
 */
export function startMockForSpecmatic(): Promise<MockServer> {
  return startMockServer({ port: 0, stateful: false });
}

export async function runSpecmatic(api: string, baseUrl: string, options: { timeoutMs?: number } = {}): Promise<SpecmaticResult> {
  // Specmatic writes its reports under the working directory: keep them out of the repository.
  const cwd = mkdtempSync(join(tmpdir(), 'rtc-specmatic-'));
  const args = ['-jar', JAR, 'test', `--config=${join(repoRoot, 'specmatic', 'specmatic.yaml')}`, `--testBaseURL=${baseUrl}`, '--timeout=30'];
  if (existsSync(dirOf('examples', api))) args.push(`--examples=${dirOf('examples', api)}`);
  const bundle = join(repoRoot, 'generated', 'bundled', `${api}.json`);
  const overlay = dirOf('overlays', api, '.yaml');
  if (existsSync(overlay)) {
    const patched = applyOverlay(JSON.parse(readFileSync(bundle, 'utf8')), parse(readFileSync(overlay, 'utf8')));
    writeFileSync(join(cwd, `${api}.json`), JSON.stringify(patched));
    args.push(join(cwd, `${api}.json`));
  } else {
    args.push(bundle);
  }
  try {
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn('java', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout.on('data', (c: Buffer) => (text += c.toString('utf8')));
      child.stderr.on('data', (c: Buffer) => (text += c.toString('utf8')));
      const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 300_000);
      child.on('error', (e) => reject(new Error(`specmatic (${api}): could not start java: ${e.message}`)));
      child.on('close', () => {
        clearTimeout(timer);
        resolve(text);
      });
    });
    const summary = /Tests run: (\d+), Successes: (\d+), Failures: (\d+), WIP: (\d+), Errors: (\d+)/.exec(output);
    if (!summary) throw new Error(`specmatic (${api}): no test summary in its output:\n${output.slice(-2000)}`);
    const covered = coveredResponses(output);
    const documented = documentedResponses(api);
    const beyond = unexercisableResponses(api);
    return {
      api,
      tests: Number(summary[1]),
      failures: Number(summary[3]) + Number(summary[5]),
      documented,
      notExercised: documented.filter((r) => !covered.has(r) && !beyond.includes(r)),
      unexercisable: beyond.filter((r) => documented.includes(r) && !covered.has(r)),
      staleUnexercisable: beyond.filter((r) => !documented.includes(r) || covered.has(r)),
      output,
    };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}
