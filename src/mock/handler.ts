// The request handler behind startMockServer: route, pick the scenario, let
// Prism validate and mock, then answer invalid requests in the API's own
// error format, describing what was actually wrong.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IPrismDiagnostic } from '@stoplight/prism-core';
import type { IHttpRequest } from '@stoplight/prism-http';
import type { IHttpOperation } from '@stoplight/types';
import { operationFacts } from '../../generated/operation-facts.js';
import { hasValidationErrorList, inputViolations, signalWireValidationBody } from './api-errors.js';
import { BodyTooLarge, MAX_BODY_BYTES, parseBody, readBody, toPrismInput } from './http-input.js';
import type { MockApi } from './operations.js';
import { createPrism, mockRequest, type Prism } from './prism.js';
import { createRouter } from './router.js';
import { formatRequestLog } from './request-log.js';
import { corsHeaders, isPreflight, preflightReply, problem, send, serializeBody, type MockReply } from './responses.js';
import { readScenario, resolveScenario, ScenarioError } from './scenario.js';

/** The spec's `x-body-limit` of an operation, if it states one (larger bodies get its 413). */
export const bodyLimitOf = (operationId: string | undefined): number | undefined =>
  (operationFacts as Record<string, { bodyLimit?: number }>)[operationId ?? '']?.bodyLimit;

interface Outcome {
  reply: MockReply;
  operationId?: string;
  detail?: string;
}

/** The first example body of one documented status, as a reply. */
function exampleReply(operation: IHttpOperation, status: number): MockReply | undefined {
  const content = operation.responses.find((r) => r.code === String(status))?.contents?.[0];
  const example = content?.examples?.[0];
  if (!content || !example || !('value' in example)) return undefined;
  return { status, headers: { 'content-type': content.mediaType }, body: serializeBody(example.value, content.mediaType) };
}

/** Unknown path or method under an API's base path: that API's own 404 body. */
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

async function mockOne(prism: Prism, operation: IHttpOperation, req: IncomingMessage, bare: IHttpRequest, query: Record<string, string | string[]>): Promise<Outcome> {
  const operationId = operation.iid;
  const limit = bodyLimitOf(operationId);
  let text: string | undefined;
  try {
    text = await readBody(req, limit ?? MAX_BODY_BYTES);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    const reply = (limit !== undefined && exampleReply(operation, 413)) || problem(413, 'Request body too large', error.message);
    return { reply, operationId, detail: error.message };
  }
  const scenario = resolveScenario(operation, readScenario(String(req.headers.prefer ?? '') || undefined, query));
  const input = { ...bare, body: parseBody(text, req.headers['content-type']) };
  const result = await mockRequest(prism, operation, input, scenario);
  if (result._tag === 'Left') {
    const e = result.left as Error & { status?: number; detail?: string };
    return { reply: problem(e.status ?? 500, e.message, e.detail ?? e.message), operationId, detail: e.detail ?? e.message };
  }
  const { output, validations } = result.right;
  const contentType = output.headers?.['Content-type'];
  const reply: MockReply = {
    status: output.statusCode,
    headers: { ...(contentType && { 'content-type': contentType }) },
    body: serializeBody(output.body, contentType),
  };
  if (validations.input.some((v) => v.code === 401)) return { reply, operationId, detail: 'no valid credential: the Authorization header is missing or malformed' };
  const violations = inputViolations(validations.input);
  if (violations.length === 0) {
    const chosen = [scenario.code && `code=${scenario.code}`, scenario.example && `example=${scenario.example}`].filter(Boolean).join(' ');
    return { reply, operationId, ...(chosen && { detail: `scenario ${chosen}` }) };
  }
  reply.headers['sl-violations'] = JSON.stringify(violations.map(({ path, code, message }) => ({ location: ['request', ...(path ?? [])], code, message })));
  if (hasValidationErrorList(operation, reply.status)) reply.body = JSON.stringify(signalWireValidationBody(violations, operation));
  return { reply, operationId, detail: `invalid request: ${describe(violations)}` };
}

export interface MockHandlerOptions {
  log?: (line: string) => void;
}

export function createMockHandler(apis: MockApi[], options: MockHandlerOptions = {}) {
  const prism = createPrism();
  const route = createRouter(apis.flatMap((a) => a.operations));

  async function outcomeFor(req: IncomingMessage): Promise<Outcome> {
    if (isPreflight(req)) return { reply: preflightReply(req), detail: 'CORS preflight' };
    const { input, query } = toPrismInput(req, undefined);
    const routed = route(input.method, input.url.path);
    if (!routed.operation) return notFound(apis, input.url.path, routed.status, routed.detail);
    try {
      return await mockOne(prism, routed.operation, req, input, query);
    } catch (error) {
      if (error instanceof ScenarioError) return { reply: problem(400, 'Unknown mock scenario', error.message), operationId: routed.operation.iid, detail: error.message };
      throw error;
    }
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    let outcome: Outcome;
    try {
      outcome = await outcomeFor(req);
    } catch (error) {
      outcome = { reply: problem(500, 'Mock failure', String((error as Error)?.message ?? error)), detail: String(error) };
    }
    send(res, outcome.reply, corsHeaders(req));
    try {
      options.log?.(formatRequestLog({
        method: req.method ?? 'GET',
        path: new URL(req.url ?? '/', 'http://mock.invalid').pathname,
        status: outcome.reply.status,
        operationId: outcome.operationId,
        ms: performance.now() - started,
        detail: outcome.detail,
      }));
    } catch {
      // A failing log callback must not take the mock down; the reply is already sent.
    }
  };
}
