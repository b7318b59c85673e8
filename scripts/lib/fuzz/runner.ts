// Sends generated requests through the real clients to the mock and checks
// every outcome: valid requests must succeed with a spec-valid body; invalid
// ones must be rejected by client validation naming the broken field, and by
// the mock with a documented 4xx. Nothing may be a 5xx, unhandled, or off-spec.
import fc from 'fast-check';
import { createSignalWireClient, HttpError, RtcApiError } from '../../../src/signalwire/index.ts';
import { createProconfAdminClient, createProconfAppClient } from '../../../src/proconf/index.ts';
import { proconfValidation, signalWireAppValidation, signalWireValidation, type Validation } from '../../../src/validation/index.ts';
import { createSignalWireAppClient } from '../../../src/signalwire-app/index.ts';
import { validators as swApp } from '../../../generated/validators/signalwire-app.ts';
import { validators as video } from '../../../generated/validators/signalwire-video.ts';
import { validators as fabric } from '../../../generated/validators/signalwire-fabric.ts';
import { validators as app } from '../../../generated/validators/proconf-app.ts';
import { validators as admin } from '../../../generated/validators/proconf-admin.ts';
import { validValue } from './arbitraries.ts';
import { badValues, mutants } from './mutations.ts';
import { fuzzTargets, type FuzzTarget } from './schemas.ts';

export interface FuzzOptions {
  mockUrl: string;
  /** Generated requests per operation. */
  runs: number;
  seed: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /**
   * Every invalid request is checked by client validation; every `mockEvery`-th
   * one is also sent unvalidated to the mock, which must answer a documented 4xx
   * (1 = all of them; the vitest run samples to stay within its time budget).
   */
  mockEvery?: number;
  /** Mutants generated per valid request (default 4). */
  mutantsPerValid?: number;
}

export interface OperationReport {
  operationId: string;
  tried: number;
  accepted: number;
  rejected: number;
  /** Invalid requests also sent to the mock, and answered with a documented 4xx. */
  rejectedByMock: number;
  /** How many invalid requests broke each rule. */
  rules: Record<string, number>;
  /** Human-readable failures (first few kept in full). */
  failures: string[];
}

interface Case {
  valid: boolean;
  /** For invalid cases: also send it to the mock unvalidated. */
  toMock?: boolean;
  input: { path?: Record<string, unknown>; body?: unknown };
  rule?: string;
  pointer?: string;
}

type Call = (input: Case['input'], validated: boolean) => Promise<unknown>;

const schemaValidators = { ...video, ...fabric, ...app, ...admin, ...swApp };

function clients(mockUrl: string): Record<string, Call> {
  const sw = (v?: Validation) =>
    createSignalWireClient({ baseUrl: mockUrl, projectId: 'fuzz-project', apiToken: 'fuzz-api-token', validation: v, timeoutMs: 10_000 });
  const pa = (v?: Validation) => createProconfAppClient({ baseUrl: mockUrl, credentials: () => 'fuzz-bearer', validation: v, timeoutMs: 10_000 });
  const pd = (v?: Validation) => createProconfAdminClient({ baseUrl: mockUrl, validation: v, timeoutMs: 10_000 });
  const pair = <T>(make: (v?: Validation) => T, v: Validation) => ({ on: make(v), off: make() });
  const s = pair(sw, signalWireValidation({ request: true, response: true }));
  const a = pair(pa, proconfValidation({ request: true, response: true }));
  const d = pair(pd, proconfValidation({ request: true, response: true }));
  const pick = <T>(p: { on: T; off: T }, validated: boolean) => (validated ? p.on : p.off);
  const w = createSignalWireAppClient({ baseUrl: mockUrl, credentials: () => 'fuzz-bearer', timeoutMs: 10_000 });
  return {
    reset_conference_token: (i, v) => pick(s, v).resetConferenceToken(i.path!.id as string),
    create_subscriber_token: (i, v) => pick(s, v).createSubscriberToken(i.body as never),
    refresh_subscriber_token: (i, v) => pick(s, v).refreshSubscriberToken(i.body as never),
    create_subscriber_guest_token: (i, v) => pick(s, v).createSubscriberGuestToken(i.body as never),
    get_proconf_token: (i, v) => pick(a, v).getProconfToken(i.body as never),
    create_proconf_token: (i, v) => pick(d, v).createProconfToken(i.body as never),
    // The browser client has no validation option: its requests go out as given.
    issue_subscriber_token: (i) => w.issueSubscriberToken(i.body as never),
    renew_subscriber_token: (i) => w.renewSubscriberToken(i.body as never),
    issue_guest_token: (i) => w.issueGuestToken(i.body as never),
  };
}

/** Valid cases and mutants, mixed, for the operation's body or path parameters. */
function caseArbitrary(target: FuzzTarget, mutantsPerValid: number): fc.Arbitrary<Case> {
  const mix = (valid: fc.Arbitrary<Case>, invalid: fc.Arbitrary<Case>) =>
    fc.oneof({ arbitrary: valid, weight: 1 }, { arbitrary: invalid, weight: mutantsPerValid });
  if (target.path) {
    const [name, schema] = Object.entries(target.path)[0]!;
    const valid = validValue(schema).map((v): Case => ({ valid: true, input: { path: { [name]: v } } }));
    // Path parameters travel as strings: only string-shaped breakage makes sense.
    const bad = fc.oneof(...badValues(schema, `/${name}`)).filter((m) => typeof m.value === 'string' && m.value !== '');
    const invalid = bad.map((m): Case => ({ valid: false, input: { path: { [name]: m.value } }, rule: m.rule, pointer: m.pointer }));
    return mix(valid, invalid);
  }
  const valid = validValue(target.body!).map((body): Case => ({ valid: true, input: { body } }));
  const invalid = mutants(target.body!).map((m): Case => ({ valid: false, input: { body: m.value }, rule: m.rule, pointer: m.pointer }));
  return mix(valid, invalid);
}

async function pool<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

const show = (c: Case) => JSON.stringify(c.input).slice(0, 300);

/** Checks one error response: a documented 4xx whose body matches the spec for that status. */
function checkHttpError(target: FuzzTarget, error: unknown): string | undefined {
  if (!(error instanceof HttpError)) return `expected a documented 4xx from the mock, got ${error instanceof Error ? error.message : String(error)}`;
  if (error.status >= 500) return `HTTP ${error.status} (5xx): ${error.message}`;
  if (!(error.status >= 400 && error.documented)) return `HTTP ${error.status} is not a documented 4xx`;
  const validate = schemaValidators[target.operationId]?.responses[error.status];
  if (validate && !validate(error.body)) return `HTTP ${error.status} body fails the spec: ${JSON.stringify(validate.errors).slice(0, 300)}`;
  return undefined;
}

type Outcome = { accepted: boolean; byMock?: boolean; failure?: string };

async function runCase(target: FuzzTarget, call: Call, validation: Validation, c: Case): Promise<Outcome> {
  if (c.valid) {
    try {
      await call(c.input, true); // request and response validation on
      return { accepted: true };
    } catch (error) {
      const what = error instanceof RtcApiError ? error.message : `unhandled ${String(error)}`;
      return { accepted: false, failure: `valid request failed: ${what} | ${show(c)}` };
    }
  }
  const issues = validation.request!(target.operationId, { params: { path: c.input.path }, body: c.input.body }) ?? [];
  if (!issues.some((i) => i.pointer === c.pointer || (c.pointer === '' && i.pointer === ''))) {
    return { accepted: false, failure: `client validation missed "${c.rule}" at ${c.pointer || '/'}: ${JSON.stringify(issues)} | ${show(c)}` };
  }
  if (!c.toMock) return { accepted: false };
  try {
    await call(c.input, false); // sent unvalidated: the mock must reject it too
    return { accepted: false, failure: `the mock accepted an invalid request ("${c.rule}" at ${c.pointer || '/'}) | ${show(c)}` };
  } catch (error) {
    const problem = checkHttpError(target, error);
    return problem ? { accepted: false, failure: `${c.rule} at ${c.pointer || '/'}: ${problem} | ${show(c)}` } : { accepted: false, byMock: true };
  }
}

export async function runFuzz(options: FuzzOptions): Promise<OperationReport[]> {
  const calls = clients(options.mockUrl);
  const forOperation = (id: string) => (id.includes('proconf') ? proconfValidation() : id in swApp ? signalWireAppValidation() : signalWireValidation());
  const validation = { ...signalWireValidation(), request: (id: string, input: object) => forOperation(id).request!(id, input) };
  const reports: OperationReport[] = [];
  for (const [index, target] of fuzzTargets().entries()) {
    // One seed per operation, derived from the run's seed: each reproduces alone.
    const cases = fc.sample(caseArbitrary(target, options.mutantsPerValid ?? 4), { seed: options.seed + index, numRuns: options.runs });
    let invalid = 0;
    for (const c of cases) if (!c.valid) c.toMock = invalid++ % (options.mockEvery ?? 1) === 0;
    const report: OperationReport = { operationId: target.operationId, tried: 0, accepted: 0, rejected: 0, rejectedByMock: 0, rules: {}, failures: [] };
    await pool(cases, options.concurrency ?? 20, async (c) => {
      const result = await runCase(target, calls[target.operationId]!, validation, c);
      report.tried++;
      if (result.failure) report.failures.push(result.failure);
      else if (result.accepted) report.accepted++;
      else report.rejected++;
      if (result.byMock) report.rejectedByMock++;
      if (c.rule) report.rules[c.rule] = (report.rules[c.rule] ?? 0) + 1;
    });
    reports.push(report);
  }
  return reports;
}

const DEFAULT_SEED = 20261122;
const DEFAULT_RUNS = 1000;

/** FUZZ_RUNS / FUZZ_SEED, for longer runs and reproduction. */
export function fuzzSettings(env: NodeJS.ProcessEnv = process.env): { runs: number; seed: number } {
  const int = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!/^\d+$/.test(raw)) throw new Error(`${name} must be a whole number; got ${JSON.stringify(raw)}`);
    return Number(raw);
  };
  return { runs: int('FUZZ_RUNS', DEFAULT_RUNS), seed: int('FUZZ_SEED', DEFAULT_SEED) };
}
