// Runs every check of one API against a live server and judges each
// response: expected status, documented status, JSON body valid against the
// documented schema (JSON Schema 2020-12).
import { VERIFY_DEFAULTS } from './defaults.js';
import { ConfigError } from '../core/errors.js';
import { checkBaseUrl } from '../core/config-checks.js';
import { credentialSecrets } from '../core/credentials.js';
import { scrub, scrubAndCut, secretList } from '../core/secrets.js';
import { checkDuration } from '../core/timer.js';
import { readTextCapped } from '../core/body.js';
import { isJsonMediaType } from '../core/media-type.js';
import { Deadline } from '../core/deadline.js';
import { checksFor, type Check } from './checks.js';
import { credentialVariables } from './credentials.js';
import { requirePeers } from '../tools/peers.js';
import { specOperations } from '../openapi-doc/operations.js';
import { precompiledValidator, type ResponseValidator } from './precompiled.js';
import { deref, loadDocument, operationSpec, type OpenApiDocument, type OperationSpec } from './spec-document.js';
import { mutationAllowed, stateChange, type MutationOptIn } from './state-changing.js';

export interface VerifyOptions {
  /** A bundled API name: signalwire-video, signalwire-fabric, signalwire-app, proconf-app, proconf-admin. */
  api: string;
  /** Verify against this document instead of the bundled one named by `api` (e.g. a spec under review). */
  document?: OpenApiDocument;
  /** The server's base URL; the spec's paths are appended to it. */
  target: string;
  /** Headers that authenticate (see credentialsFromEnv). Never printed. */
  credentials?: Record<string, string>;
  /** Opt in to state-changing operations: `true` for all, or a list of operationIds. */
  allowMutations?: MutationOptIn;
  /** Check ids to skip (reported as SKIP). */
  skip?: readonly string[];
  /** Path parameter values for the valid requests, e.g. `{ id: '<a real conference token id>' }`. */
  params?: Record<string, string>;
  /** Per-request timeout in ms, at most 2^31-1. Default: `VERIFY_DEFAULTS.timeoutMs` (exported). */
  timeoutMs?: number;
  /** Requests in flight at once. Default: `VERIFY_DEFAULTS.concurrency`. */
  concurrency?: number;
  fetch?: typeof globalThis.fetch;
}

export interface CheckResult {
  id: string;
  operationId: string;
  outcome: 'pass' | 'fail' | 'skip';
  status?: number;
  /** Why it failed or was skipped; empty on pass. */
  problems: string[];
}

export interface VerifyResult {
  api: string;
  target: string;
  results: CheckResult[];
  passed: number;
  failed: number;
  skipped: number;
  /** No failure, and at least one check ran. */
  ok: boolean;
}

interface Context {
  target: string;
  credentials: Record<string, string>;
  timeoutMs: number;
  fetch: typeof globalThis.fetch;
  validate: ResponseValidator;
  secrets: string[];
}

function judge(op: OperationSpec, check: Check, status: number, contentType: string, text: string, ctx: Context): string[] {
  const problems: string[] = [];
  if (!check.expect.includes(status)) problems.push(`expected ${check.expect.join(' or ') || 'a documented success status'}, got ${status}`);
  const documented = op.responses.get(status);
  if (!documented) return [...problems, `status ${status} is not documented for ${op.operationId}`];
  if (!documented.schemaPointer) return problems;
  if (!isJsonMediaType(contentType, { suffix: true }))
    problems.push(`content-type is "${scrubAndCut(contentType, ctx.secrets, 100) || 'missing'}", not application/json`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // Scrub before cutting: a credential straddling the cut would survive as a prefix.
    return [...problems, `body is not JSON: ${JSON.stringify(scrubAndCut(text, ctx.secrets, 60))}`];
  }
  return [...problems, ...ctx.validate(op.operationId, status, body)];
}

async function runCheck(op: OperationSpec, check: Check, ctx: Context): Promise<CheckResult> {
  const headers: Record<string, string> = { accept: 'application/json', ...(check.credentials ? ctx.credentials : {}) };
  if (check.body !== undefined) headers['content-type'] = 'application/json';
  const base = { id: check.id, operationId: check.operationId };
  const deadline = new Deadline(ctx.timeoutMs);
  const signal = deadline.signal;
  try {
    const response = await ctx.fetch(`${ctx.target}${check.path}`, {
      method: check.method,
      headers,
      body: check.body,
      redirect: 'manual',
      signal,
    });
    const text = await readTextCapped(response.body, VERIFY_DEFAULTS.maxResponseBytes);
    const problems = judge(op, check, response.status, response.headers.get('content-type') ?? '', text, ctx);
    return { ...base, status: response.status, outcome: problems.length ? 'fail' : 'pass', problems: scrub(problems, ctx.secrets) };
  } catch (error) {
    const reason = deadline.timedOut ? `no response within ${ctx.timeoutMs} ms` : `request failed: ${describeCause(error)}`;
    return { ...base, outcome: 'fail', problems: scrub([reason], ctx.secrets) };
  } finally {
    deadline.clear();
  }
}

function describeCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error as Error)?.message ?? 'unknown error';
}

function skipReason(op: OperationSpec, check: Check, options: VerifyOptions): string | undefined {
  if (options.skip?.includes(check.id)) return 'skipped on request';
  const change = check.credentials ? stateChange({ method: check.method, stateChanging: op.stateChanging }) : undefined;
  if (change && !mutationAllowed(options.allowMutations, op.operationId)) {
    return `state-changing (${change}); opt in with --allow-mutations or --allow ${op.operationId}`;
  }
  return undefined;
}

async function runAll<T, R>(items: T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      out[index] = await run(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Sends every check of `api` to `target` and reports each response's conformance. */
export async function verifyApi(options: VerifyOptions): Promise<VerifyResult> {
  const doc = options.document ?? loadDocument(options.api);
  const target = checkBaseUrl(options.target, { name: 'target', sendsCredentials: options.credentials !== undefined });
  const operations = specOperations(doc).map((op) => operationSpec(doc, op));
  if (!options.credentials && operations.some((op) => op.requiresAuth)) {
    throw new ConfigError(`${options.api} requires credentials: set ${credentialVariables(doc)}`);
  }
  const ctx: Context = {
    target,
    credentials: options.credentials ?? {},
    timeoutMs: options.timeoutMs === undefined ? VERIFY_DEFAULTS.timeoutMs : checkDuration(options.timeoutMs, 'timeoutMs'),
    fetch: options.fetch ?? globalThis.fetch,
    validate: await responseValidator(options, doc, operations),
    secrets: secretList(Object.values(options.credentials ?? {}).flatMap(credentialSecrets)),
  };
  const resolveSchema = (s: Record<string, unknown>) => deref(doc, s);
  const planned = operations.flatMap((op) => checksFor(op, { params: options.params, resolveSchema }).map((check) => ({ op, check })));
  const results = await runAll(planned, options.concurrency ?? VERIFY_DEFAULTS.concurrency, async ({ op, check }) => {
    const reason = skipReason(op, check, options);
    return reason ? { id: check.id, operationId: check.operationId, outcome: 'skip' as const, problems: [reason] } : runCheck(op, check, ctx);
  });
  const count = (outcome: CheckResult['outcome']) => results.filter((r) => r.outcome === outcome).length;
  const passed = count('pass');
  const failed = count('fail');
  return { api: options.api, target, results, passed, failed, skipped: count('skip'), ok: failed === 0 && passed > 0 };
}

/**
 * The bundled specs' validators are precompiled; a document the user passes is
 * compiled at runtime with Ajv, an optional peer checked only then.
 */
async function responseValidator(options: VerifyOptions, doc: OpenApiDocument, operations: OperationSpec[]): Promise<ResponseValidator> {
  const precompiled = options.document ? undefined : await precompiledValidator(options.api);
  if (precompiled) return precompiled;
  requirePeers('verify');
  const validate = (await import('./response-validator.js')).createBodyValidator(options.api, doc);
  return (operationId, status, body) => {
    const pointer = operations.find((op) => op.operationId === operationId)?.responses.get(status)?.schemaPointer;
    return pointer ? validate(pointer, body) : [];
  };
}
