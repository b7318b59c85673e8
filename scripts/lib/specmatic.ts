// Runs Specmatic's contract tests (example-based and generative) for one
// bundled API against a server, and reads back what it found: test counts and
// which documented statuses its tests exercised. The documented statuses come
// from the bundle itself, so a status Specmatic silently skips is a failure.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';
import { deref, operationLabel, specOperations } from '../../src/openapi-doc/index.ts';
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

/** An example file Specmatic reads: `{ "http-request": ..., "http-response": ... }`. */
export interface ExternalExample {
  'http-request': { method: string; path: string; headers?: Record<string, string>; body?: unknown };
  'http-response': { status: number; headers?: Record<string, string>; body?: unknown };
}

export interface WrongMethodProbes {
  /** The document with one probe operation per such path. */
  document: Json;
  /** `<probe operationId>.wrong_method.json` -> the example that sends the wrong method. */
  examples: Record<string, ExternalExample>;
  /** `GET /path 404` (the probe) -> `POST /path 404` (the documented response it exercises). */
  exercises: Map<string, string>;
}

/**
 * The spec states that a request with another HTTP method gets the response
 * marked `x-wrong-method` (the 404 of the app servers and of the admin backend).
 * Specmatic runs examples only for operations a document has, so for the run
 * the document gains, per such path, a probe operation on an unused method that
 * documents only that response, with an example sending that method. Its
 * coverage counts for the documented response: the request that really causes it.
 */
export function wrongMethodProbes(document: Json): WrongMethodProbes {
  const doc = structuredClone(document);
  const examples: Record<string, ExternalExample> = {};
  const exercises = new Map<string, string>();
  for (const op of specOperations(document)) {
    for (const [status, raw] of Object.entries<unknown>(op.operation.responses ?? {})) {
      const response = deref(document, raw);
      if (response['x-wrong-method'] !== true) continue;
      const pathItem = doc.paths[op.path];
      const method = (['get', 'put', 'delete', 'patch'] as const).find((m) => !pathItem[m]);
      if (!method) continue;
      const operationId = `${op.operationId}_wrong_method`;
      pathItem[method] = {
        operationId,
        summary: `${op.operationId} called with ${method.toUpperCase()}`,
        security: [],
        parameters: op.parameters.filter((p) => p.in === 'path').map((p) => p.node),
        responses: { [status]: response },
      };
      const path = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
        const param = op.parameters.find((p) => p.in === 'path' && p.name === name)?.node;
        return encodeURIComponent(String(param?.example ?? Object.values<Json>(param?.examples ?? {})[0]?.value ?? name));
      });
      const example = deref(document, Object.values<unknown>(response.content?.['application/json']?.examples ?? {})[0]);
      examples[`${operationId}.wrong_method.json`] = {
        'http-request': { method: method.toUpperCase(), path },
        'http-response': { status: Number(status), headers: { 'Content-Type': 'application/json' }, body: example.value },
      };
      exercises.set(`${operationLabel({ method, path: op.path })} ${status}`, `${operationLabel(op)} ${status}`);
    }
  }
  return { document: doc, examples, exercises };
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
  const examples = join(cwd, 'examples');
  mkdirSync(examples);
  if (existsSync(dirOf('examples', api))) cpSync(dirOf('examples', api), examples, { recursive: true });
  let doc: Json = JSON.parse(readFileSync(join(repoRoot, 'generated', 'bundled', `${api}.json`), 'utf8'));
  const overlay = dirOf('overlays', api, '.yaml');
  if (existsSync(overlay)) doc = applyOverlay(doc, parse(readFileSync(overlay, 'utf8')));
  const probes = wrongMethodProbes(doc);
  for (const [file, example] of Object.entries(probes.examples)) writeFileSync(join(examples, file), JSON.stringify(example));
  writeFileSync(join(cwd, `${api}.json`), JSON.stringify(probes.document));
  const args = [
    '-jar',
    JAR,
    'test',
    `--config=${join(repoRoot, 'specmatic', 'specmatic.yaml')}`,
    `--testBaseURL=${baseUrl}`,
    '--timeout=30',
    `--examples=${examples}`,
    join(cwd, `${api}.json`),
  ];
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
    const covered = new Set([...coveredResponses(output)].map((r) => probes.exercises.get(r) ?? r));
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
