// A ready-made POST /proconfToken for a ProCONF application server: the token
// pipeline configured with one route, the role policy and the admin backend
// (the package's own admin client) as upstream.
import { operationFacts, type OperationFacts } from '../../generated/operation-facts.js';
import * as table from '../../generated/operations.js';
import { validators as adminValidators } from '../../generated/validators/proconf-admin.js';
import { validators } from '../../generated/validators/proconf-app.js';
import type { HeaderProvider } from '../core/provider.js';
import { HANDLER_DEFAULTS } from './defaults.js';
import { ConfigError, ProviderError } from '../core/errors.js';
import type { FetchLike } from '../core/transport.js';
import { createProconfAdminClient, type ProconfAdminClientOptions } from '../proconf/admin-client.js';
import { jsonResponse } from './envelope.js';
import { tokenMismatch, upstreamAnswerProblem } from './granted-token.js';
import { AUTHORIZE_HINT, checkOptions, pipelineOptions, type TokenHandlerOptions } from './handler-options.js';
import { HookError, runHook } from './hooks.js';
import { createTokenPipeline, UpstreamError, type RouteContext } from './pipeline.js';
import { defaultPolicy, type TokenPolicy } from './policy.js';
import { describeUpstream, jsonLineLogger } from './request-log.js';
import { isTokenRequest, type TokenRequest } from './token-request.js';

export type ProconfTokenHandler = (request: Request) => Promise<Response>;

/** The admin backend: the ProCONF admin client's options (`baseUrl`, `headers`, `fetch`, ...). */
export type AdminOptions = Omit<ProconfAdminClientOptions, 'timeoutMs'>;

export interface ProconfTokenHandlerOptions<Caller> extends TokenHandlerOptions<Caller> {
  /** The admin backend, as its client takes it: `{ baseUrl, headers?, fetch? }` (baseUrl without /api). */
  admin?: AdminOptions;
  /** Decides the role and room the caller receives. Default: `member` only (see DEFAULT_ALLOWED_ROLES). */
  policy?: TokenPolicy<Caller>;
  /** @deprecated Use `admin.baseUrl`. */
  adminBaseUrl?: string;
  /** @deprecated Use `admin.headers`. */
  adminHeaders?: HeaderProvider;
  /** @deprecated Use `admin.fetch`. */
  fetch?: FetchLike | typeof globalThis.fetch;
  /** @deprecated Use `pathPrefix` (the path is the spec's `/proconfToken` under it). */
  path?: string;
}

const op = table.get_proconf_token;
/** The admin backend's documented success body: `{ error: null, data: <jwt> }`. */
const documentedAnswer = adminValidators.create_proconf_token!.responses[200]!;

/** The admin options, from `admin` or the deprecated flat options (not both). */
function adminOptions(options: ProconfTokenHandlerOptions<unknown>): AdminOptions {
  const flat = options.adminBaseUrl !== undefined || options.adminHeaders !== undefined || options.fetch !== undefined;
  if (flat && options.admin)
    throw new ConfigError(
      'give the admin backend as admin: { baseUrl, headers, fetch } only (adminBaseUrl, adminHeaders and fetch are its deprecated spellings)',
    );
  if (options.admin) return options.admin;
  return {
    baseUrl: options.adminBaseUrl as string,
    ...(options.adminHeaders && { headers: options.adminHeaders }),
    ...(options.fetch && { fetch: options.fetch }),
  };
}

/** Builds the handler on the given spec facts (the generated ones; a test passes facts of a changed spec). */
export function buildProconfTokenHandler<Caller>(
  options: ProconfTokenHandlerOptions<Caller>,
  facts: Readonly<Record<string, OperationFacts>>,
): ProconfTokenHandler {
  checkOptions(
    'createProconfTokenHandler',
    options,
    { policy: 'function', path: (v) => (typeof v === 'string' && v.startsWith('/') ? undefined : 'must start with /') },
    {
      admin: 'the admin backend, { baseUrl }',
      authorize: AUTHORIZE_HINT,
      policy: '(requested, { caller, request }) => TokenRequest | false',
    },
  );
  if (options.path !== undefined && options.pathPrefix !== undefined) throw new ConfigError('give pathPrefix only (path is its deprecated spelling)');
  const given = adminOptions(options as ProconfTokenHandlerOptions<unknown>);
  const admin = createProconfAdminClient({
    timeoutMs: options.timeoutMs ?? HANDLER_DEFAULTS.timeoutMs,
    ...given,
    ...(given.headers && { headers: () => runHook('adminHeaders', given.headers!) }),
  });
  const policy = (options.policy ?? defaultPolicy) as TokenPolicy<Caller>;

  async function serve({ request, caller, body, fail }: RouteContext<Caller>) {
    // Copy the fields so nothing else the client sent can travel upstream.
    const { role, room, participantName } = body as TokenRequest;
    const granted = await runHook('policy', () => policy({ role, room, participantName }, { caller: caller as Caller, request }));
    if (!granted) return fail('role-refused', { role, room });
    // A policy that returns a malformed request is the application's bug, not the client's.
    if (!isTokenRequest(granted)) throw new HookError('policy', new TypeError('policy returned an invalid TokenRequest'));
    const sent = { role: granted.role, room: granted.room };
    let answer: unknown;
    try {
      answer = await admin.createProconfToken({ role: granted.role, room: granted.room, participantName: granted.participantName }, { signal: request.signal });
    } catch (error) {
      if (error instanceof HookError) throw error;
      // The adminHeaders hook runs as the admin client's header provider: its failure is the application's.
      if (error instanceof ProviderError) throw new HookError('adminHeaders', error);
      throw new UpstreamError(describeUpstream(error), undefined, sent, error);
    }
    const shape = upstreamAnswerProblem(answer, documentedAnswer, ['data']);
    if (shape) throw new UpstreamError('response-body', shape, sent);
    const token = (answer as { data: string }).data;
    const mismatch = tokenMismatch(token, granted);
    if (mismatch) throw new UpstreamError('token-mismatch', mismatch, sent);
    return { ...sent, outcome: 'token' as const, response: jsonResponse(200, { error: null, data: token }) };
  }

  return createTokenPipeline<Caller>({
    ...pipelineOptions(options, jsonLineLogger),
    facts,
    routes: [
      {
        operationId: op.operationId,
        method: op.method,
        path: options.path ?? `${options.pathPrefix ?? ''}${op.path}`,
        validate: validators.get_proconf_token!.request,
        outcomes: ['role-refused', 'upstream-error'],
        serve,
      },
    ],
  });
}

export function createProconfTokenHandler<Caller>(options: ProconfTokenHandlerOptions<Caller>): ProconfTokenHandler {
  return buildProconfTokenHandler(options, operationFacts);
}
