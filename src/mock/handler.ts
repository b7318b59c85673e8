// The request handler behind startMockServer: route, pick the scenario, let
// Prism validate and mock, then answer invalid requests in the API's own
// error format, describing what was actually wrong. Valid requests that
// name no example get the provider-like behaviour of behaviours.ts; paths
// under /__mock/ and /docs are the mock's own (test controls, reference).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IPrismDiagnostic } from '@stoplight/prism-core';
import type { IHttpRequest } from '@stoplight/prism-http';
import type { IHttpOperation } from '@stoplight/types';
import { bodyLimitOf, wrongMethodStatusOf } from './doc-operations.js';
import { hasValidationErrorList, inputViolations, signalWireValidationBody } from './api-errors.js';
import { BodyTooLargeError } from '../core/body.js';
import { MAX_BODY_BYTES, parseBody, readRequestText, toPrismInput } from './http-input.js';
import type { MockApi } from './operations.js';
import { createPrism, mockRequest, type Prism } from './prism.js';
import { pairedExample } from './paired-example.js';
import { createRouter } from './router.js';
import { formatRequestLog } from './request-log.js';
import { formatRequestLogJson } from './request-log-json.js';
import { BEHAVIOURS } from './behaviours.js';
import { ControlState } from './controls.js';
import { CONTROL_PREFIX, controlReply } from './control-http.js';
import { isPreflight, preflightReply, problem, send, serializeBody, type MockReply } from './responses.js';
import { controlRefusal, hostAllowList, hostRefused } from './guard.js';
import { readScenario, resolveScenario, ScenarioError } from './scenario.js';
import { localRelay, withLocalRelay } from './tokens.js';
import { redactTokens } from './redact.js';

interface Outcome {
  reply: MockReply;
  operationId?: string;
  detail?: string;
  /** The parsed request body, for the request record. */
  body?: unknown;
  /** The mock's own paths (/__mock/, /docs) are not recorded as API requests. */
  internal?: boolean;
}

/** `{id}` and friends, read from the routed path. */
function pathParams(template: string, path: string): Record<string, string> {
  const actual = path.split('/');
  const params: Record<string, string> = {};
  template.split('/').forEach((segment, i) => {
    const name = /^\{([^}]+)\}$/.exec(segment)?.[1];
    if (name && actual[i] !== undefined) params[name] = decodeURIComponent(actual[i]!);
  });
  return params;
}

function lowerCaseKeys(headers: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
}

/** The first example body of one documented status, as a reply. */
function exampleReply(operation: IHttpOperation, status: number): MockReply | undefined {
  const content = operation.responses.find((r) => r.code === String(status))?.contents?.[0];
  const example = content?.examples?.[0];
  if (!content || !example || !('value' in example)) return undefined;
  return { status, headers: { 'content-type': content.mediaType }, body: serializeBody(example.value, content.mediaType) };
}

/**
 * A method the path has no operation for: the response its spec marks
 * `x-wrong-method`, else what an unknown path gets.
 */
function wrongMethod(apis: MockApi[], path: string, onPath: IHttpOperation[], detail: string): Outcome {
  for (const operation of onPath) {
    const status = wrongMethodStatusOf(operation.iid);
    const reply = status !== undefined && exampleReply(operation, status);
    if (reply) return { reply, detail };
  }
  return notFound(apis, path, 405, detail);
}

/** Unknown path under an API's base path: that API's own 404 body. */
function notFound(apis: MockApi[], path: string, prismStatus: number, prismDetail: string): Outcome {
  const api = apis.find((a) => path === a.basePath || path.startsWith(`${a.basePath}/`));
  const reply = api?.operations.map((op) => exampleReply(op, 404)).find(Boolean);
  return reply
    ? { reply, detail: `no ${api!.name} operation at this path and method` }
    : { reply: problem(prismStatus, 'No such operation in the mock', prismDetail), detail: prismDetail };
}

function describe(validations: IPrismDiagnostic[]): string {
  return validations.map((v) => v.message).join('; ');
}

interface MockContext {
  prism: Prism;
  controls: ControlState;
  stateful: boolean;
  now: () => number;
}

async function mockOne(
  ctx: MockContext,
  operation: IHttpOperation,
  req: IncomingMessage,
  bare: IHttpRequest,
  query: Record<string, string | string[]>,
): Promise<Outcome> {
  const { prism } = ctx;
  const operationId = operation.iid;
  const limit = bodyLimitOf(operationId);
  let text: string | undefined;
  try {
    text = await readRequestText(req, limit ?? MAX_BODY_BYTES);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    const reply = (limit !== undefined && exampleReply(operation, 413)) || problem(413, 'Request body too large', error.message);
    return { reply, operationId, detail: error.message };
  }
  const input = { ...bare, body: parseBody(text, req.headers['content-type']) };
  // A response forced by the test suite wins over the request's own Prefer
  // header; with neither, a request equal to a named request example gets the
  // response example of the same name.
  const forced = ctx.controls.take(operationId);
  const asked = readScenario(String(req.headers.prefer ?? '') || undefined, query);
  const paired = !forced && asked.code === undefined && asked.example === undefined ? pairedExample(operation, bare.url.path, input.body) : undefined;
  const scenario = forced ?? resolveScenario(operation, paired ? { example: paired } : asked);
  const result = await mockRequest(prism, operation, input, scenario);
  if (result._tag === 'Left') {
    const e = result.left as Error & { status?: number; detail?: string };
    return { reply: problem(e.status ?? 500, e.message, e.detail ?? e.message), operationId, detail: e.detail ?? e.message };
  }
  const { output, validations } = result.right;
  const { 'Content-type': contentType, ...documented } = output.headers ?? {};
  const reply: MockReply = {
    status: output.statusCode,
    // The response headers the spec documents (a 429's Retry-After), with the values Prism took from their examples.
    headers: { ...lowerCaseKeys(documented), ...(contentType && { 'content-type': contentType }) },
    body: '',
  };
  const body = input.body;
  if (validations.input.some((v) => v.code === 401)) {
    reply.body = serializeBody(output.body, contentType);
    return { reply, operationId, body, detail: 'no valid credential: the Authorization header is missing or malformed' };
  }
  const violations = inputViolations(validations.input);
  if (violations.length === 0) {
    const relay = localRelay(req.headers.host);
    const chosen = [forced && 'forced', scenario.code && `code=${scenario.code}`, scenario.example && `example=${scenario.example}`].filter(Boolean).join(' ');
    // Unquoted: the log line drops quoted text (request-controlled), and an example's name is the spec's.
    const how = paired ? `the request equals request example ${paired}: ` : '';
    // A request equal to a named success example is still a valid request: it gets a minted body too.
    const behaviour = operationId && (scenario.example === undefined || paired !== undefined) && reply.status < 300 ? BEHAVIOURS[operationId] : undefined;
    const behaved = behaviour?.respond({
      operation,
      body,
      status: reply.status,
      pathParams: operation.path.includes('{') ? pathParams(operation.path, bare.url.path) : {},
      stateful: ctx.stateful && scenario.code === undefined,
      state: ctx.controls.state,
      nowSeconds: ctx.now(),
      relay,
    });
    if (behaved) {
      reply.status = behaved.status;
      reply.body = serializeBody(behaved.body, contentType);
      return { reply, operationId, body, detail: [chosen && `scenario ${chosen}`, behaved.detail].filter(Boolean).join('; ') };
    }
    // An example asked for by name is served verbatim; otherwise its tokens name the mock as their relay, as minted ones do.
    const local = (scenario.example === undefined || paired !== undefined) && reply.status < 300;
    reply.body = serializeBody(local ? withLocalRelay(output.body, relay) : output.body, contentType);
    return { reply, operationId, body, ...(chosen && { detail: `${how}scenario ${chosen}` }) };
  }
  reply.body = serializeBody(output.body, contentType);
  reply.headers['sl-violations'] = JSON.stringify(violations.map(({ path, code, message }) => ({ location: ['request', ...(path ?? [])], code, message })));
  if (hasValidationErrorList(operation, reply.status)) reply.body = JSON.stringify(signalWireValidationBody(violations, operation));
  return { reply, operationId, body, detail: `invalid request: ${describe(violations)}` };
}

export interface MockHandlerOptions {
  log?: (line: string) => void;
  /** `text` (default): one readable line per request; `json`: one JSON object with the same fields. */
  logFormat?: 'text' | 'json';
  /** Shared across reloads: recorded requests, forced responses, stateful memory. */
  controls?: ControlState;
  /** Provider-like rules for tokens the mock issued (default true). */
  stateful?: boolean;
  /** Unix seconds; tests may pin the clock. */
  now?: () => number;
  /** Host names requests may name besides loopback names and IP addresses (the bound name, `--allow-host`): others get a 403. */
  allowedHosts?: readonly string[];
}

const RELAY_DETAIL =
  "a WebSocket: the SignalWire SDK dials the relay a mock token names (the mock itself, never SignalWire's); this mock does not speak the relay protocol";
const DOCS_PREFIX = '/docs';
const isDocsPath = (path: string) => path === DOCS_PREFIX || path.startsWith(`${DOCS_PREFIX}/`);

export function createMockHandler(apis: MockApi[], options: MockHandlerOptions = {}) {
  const operations = apis.flatMap((a) => a.operations);
  const route = createRouter(operations);
  const ctx: MockContext = {
    prism: createPrism(),
    controls: options.controls ?? new ControlState(() => operations),
    stateful: options.stateful ?? true,
    now: options.now ?? (() => Date.now() / 1000),
  };
  // The reference (Swagger UI's assets, the augmented documents) loads on the first /docs request, never at start-up.
  let docs: Promise<(path: string, req: IncomingMessage) => Promise<MockReply>> | undefined;
  const format = options.logFormat === 'json' ? formatRequestLogJson : formatRequestLog;

  async function outcomeFor(req: IncomingMessage, input: IHttpRequest, query: Record<string, string | string[]>): Promise<Outcome> {
    const path = input.url.path;
    if (isDocsPath(path)) {
      docs ??= import('./docs/serve.js').then(({ createDocsSite }) => createDocsSite(apis));
      return { reply: await (await docs)(path, req), internal: true };
    }
    const routed = route(input.method, path);
    if (!routed.operation) {
      // The real @signalwire/js dialling the relay a mock token names (tokens.ts): say so.
      if (String(req.headers.upgrade).toLowerCase() === 'websocket') return { reply: problem(404, 'No relay here', RELAY_DETAIL), detail: RELAY_DETAIL };
      return routed.status === 405 ? wrongMethod(apis, path, routed.onPath, routed.detail) : notFound(apis, path, routed.status, routed.detail);
    }
    try {
      return await mockOne(ctx, routed.operation, req, input, query);
    } catch (error) {
      if (error instanceof ScenarioError)
        return { reply: problem(400, 'Unknown mock scenario', error.message), operationId: routed.operation.iid, detail: error.message };
      throw error;
    }
  }

  const hostAllowed = hostAllowList(undefined, options.allowedHosts);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    let outcome: Outcome;
    let path: string | undefined;
    try {
      if (!hostAllowed(req.headers.host)) outcome = { reply: hostRefused(req.headers.host!), internal: true, detail: 'refused: Host not allowed' };
      else {
        const { input, query } = toPrismInput(req, undefined);
        path = input.url.path;
        if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`))
          outcome = { reply: controlRefusal(req) ?? (await controlReply(ctx.controls, req, path)), internal: true };
        else if (isPreflight(req) && !isDocsPath(path)) outcome = { reply: preflightReply(req), detail: 'CORS preflight' };
        else outcome = await outcomeFor(req, input, query);
      }
    } catch (error) {
      outcome = { reply: problem(500, 'Mock failure', String((error as Error)?.message ?? error)), detail: String(error) };
    }
    // CORS for the APIs only: the mock's own paths are for tools and its own pages.
    send(res, outcome.reply, req, !outcome.internal);
    path ??= new URL(req.url ?? '/', 'http://mock.invalid').pathname;
    const method = req.method ?? 'GET';
    if (!outcome.internal && method !== 'OPTIONS') {
      ctx.controls.record({
        method,
        path,
        ...(outcome.operationId && { operationId: outcome.operationId }),
        ...(outcome.body !== undefined && { body: outcome.body }),
        status: outcome.reply.status,
      });
    }
    // No line is built when no one reads it.
    if (!options.log) return;
    try {
      options.log(
        format({
          method,
          path: redactTokens(path),
          status: outcome.reply.status,
          operationId: outcome.operationId,
          ms: performance.now() - started,
          detail: outcome.detail,
        }),
      );
    } catch {
      // A failing log callback must not take the mock down; the reply is already sent.
    }
  };
}
