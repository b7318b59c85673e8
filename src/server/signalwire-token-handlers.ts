// Ready-made SignalWire token endpoints for a Fabric app server
// (openapi/signalwire-app.yaml): the token pipeline configured with three
// routes (subscriber token, its race-free refresh, policy-limited guest
// tokens) and SignalWire (the package's own client) as upstream. Lifetimes,
// dead refresh codes and profile fields are read from the specs.
import { operationFacts, type OperationFacts } from '../../generated/operation-facts.js';
import { operations as table } from '../../generated/operations.js';
import type { SubscriberTokenRequest, ValidationErrors } from '../../generated/types/signalwire-fabric.js';
import { validators } from '../../generated/validators/signalwire-app.js';
import { validators as upstreamValidators } from '../../generated/validators/signalwire-fabric.js';
import { HANDLER_DEFAULTS } from './defaults.js';
import { HttpError } from '../core/errors.js';
import { createSignalWireClient } from '../signalwire/client.js';
import type { SignalWireOptions } from '../signalwire/config.js';
import { jsonResponse } from './envelope.js';
import { upstreamAnswerProblem } from './granted-token.js';
import { AUTHORIZE_HINT, checkOptions, pipelineOptions, type TokenHandlerOptions } from './handler-options.js';
import { refuseGuests, type GuestPolicy } from './guest-policy.js';
import { HookError, isThenable, runHook } from './hooks.js';
import { createTokenPipeline, UpstreamError, type RouteContext, type TokenRoute } from './pipeline.js';
import { checkRefreshTimings, createRefreshCoordinator, type FreshPair } from './refresh-coordinator.js';
import { describeUpstream, jsonLines, type Outcome, type RequestLogEntry, type RequestLogger, type Served } from './request-log.js';
import { createMemoryTokenStore, signalWireStoreKey, type TokenStore } from './token-store.js';

/** Request fields the handler sets itself; every other property of the spec's request is profile. */
type HandlerOwned = 'reference' | 'scope' | 'fingerprint' | 'expire_at';
const HANDLER_OWNED: readonly string[] = ['reference', 'scope', 'fingerprint', 'expire_at'] satisfies HandlerOwned[];

/** The subscriber fields your user record supplies; `scope`, `fingerprint` and `expire_at` are the handler's. */
export type SubscriberProfile = Pick<SubscriberTokenRequest, 'reference'> & Partial<Omit<SubscriberTokenRequest, HandlerOwned>>;

/** @deprecated The one log entry of every token handler: use `RequestLogEntry`. */
export type SignalWireTokenLogEntry = RequestLogEntry;
/** @deprecated Use `RequestLogger`. */
export type SignalWireTokenLogger = RequestLogger;
/** @deprecated Use `Outcome`. */
export type SignalWireTokenOutcome = Outcome;

export interface SignalWireTokenHandlersOptions<Caller> extends TokenHandlerOptions<Caller> {
  /** Your project's credentials (server-side only), as the SignalWire client takes them: `{ space, projectId, apiToken }`, optional `baseUrl`, `fetch`. */
  signalwire: SignalWireOptions;
  /** The subscriber's `reference` and profile, from your user record. Never from the request. */
  subscriber: (caller: Caller) => SubscriberProfile | Promise<SubscriberProfile>;
  /** Which addresses a guest may reach. Default: refuse every guest (403). */
  guestPolicy?: GuestPolicy<Caller>;
  /** Where refresh tokens live. Default: this process's memory; use `createRedisTokenStore` for several instances. */
  store?: TokenStore;
  /** When the refresh token is gone or rejected: `'mint'` a new subscriber token (default) or `'refuse'` (401 refresh_unavailable). */
  refreshFallback?: 'mint' | 'refuse';
  /** Lifetime of a minted subscriber token, in seconds. Default: SignalWire's own (`x-token-lifetimes` of create_subscriber_token). */
  tokenLifetimeSeconds?: number;
  /** Lifetime of a guest token, in seconds. Default: `SERVER_DEFAULTS.handler.guestLifetimeSeconds`. */
  guestLifetimeSeconds?: number;
  /** A token refreshed less than this many seconds ago is returned instead of refreshed again. Default: `SERVER_DEFAULTS.handler.reuseWindowSeconds`. */
  reuseWindowSeconds?: number;
}

/** The lifetimes a handler works with, in seconds. */
export interface HandlerLifetimes {
  tokenLifetimeSeconds: number;
  guestLifetimeSeconds: number;
  reuseWindowSeconds: number;
  /** What SignalWire's refresh gives: the new access token's and refresh token's lifetimes. */
  refreshed: { token: number; refreshToken: number };
}

/**
 * The construction-time check of lifetimes against the refresh margin and
 * reuse window (a ConfigError naming the numbers): the refresh design's rule.
 */
function checkLifetimes(lifetimes: HandlerLifetimes): void {
  checkRefreshTimings({ tokenLifetimeSeconds: lifetimes.tokenLifetimeSeconds, reuseWindowSeconds: lifetimes.reuseWindowSeconds });
}

/** The token fields of every SignalWire grant, each checked for its compact JWS/JWE shape. */
const GRANT_TOKENS = ['token', 'refresh_token'];

/** The first success status's generated response validator of an upstream operation. */
function documentedAnswer(op: { operationId: string; statuses: readonly number[] }) {
  return upstreamValidators[op.operationId]!.responses[op.statuses.find((s) => s < 300)!]!;
}

/** A failed upstream call, as the pipeline answers it (nothing of the upstream's answer is kept). */
function upstreamFailed(error: unknown): never {
  throw new UpstreamError(describeUpstream(error), undefined, {}, error);
}

/**
 * An upstream answer that is a complete grant of the documented shape, else
 * an UpstreamError. Used as `checkedGrant(await call.catch(upstreamFailed), …)`:
 * no function of ours runs between the answer and the route (bench/FINDINGS.md).
 */
function checkedGrant<T>(answer: T, documented: (body: unknown) => boolean): T {
  const problem = upstreamAnswerProblem(answer, documented, GRANT_TOKENS);
  if (problem) throw new UpstreamError('response-body', problem);
  return answer;
}

/** Builds the handlers on the given spec facts (the generated ones; a test passes facts of a changed spec). */
export function buildSignalWireTokenHandlers<Caller>(
  options: SignalWireTokenHandlersOptions<Caller>,
  facts: Readonly<Record<string, OperationFacts>>,
): (request: Request) => Promise<Response> {
  checkOptions(
    'createSignalWireTokenHandlers',
    options,
    {
      subscriber: 'required function',
      guestPolicy: 'function',
      refreshFallback: ['mint', 'refuse'],
      store: (v) =>
        (['get', 'compareAndSet', 'delete', 'acquireLock', 'releaseLock'] as const).every((m) => typeof (v as Partial<TokenStore>)?.[m] === 'function')
          ? undefined
          : 'must implement TokenStore: get, compareAndSet, delete, acquireLock, releaseLock',
      tokenLifetimeSeconds: 'seconds',
      guestLifetimeSeconds: 'seconds',
      reuseWindowSeconds: 'seconds',
    },
    {
      signalwire: '{ space, projectId, apiToken }',
      authorize: AUTHORIZE_HINT,
      subscriber: 'a function (caller) => { reference, ...profile } reading your user record',
      guestPolicy: '(requested, { caller, request }) => addresses | false',
    },
  );
  const minted = facts.create_subscriber_token!.tokenLifetimes!;
  const refreshedFacts = facts.refresh_subscriber_token!.tokenLifetimes!;
  const lifetimes: HandlerLifetimes = {
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? minted.token!,
    guestLifetimeSeconds: options.guestLifetimeSeconds ?? HANDLER_DEFAULTS.guestLifetimeSeconds,
    reuseWindowSeconds: options.reuseWindowSeconds ?? HANDLER_DEFAULTS.reuseWindowSeconds,
    refreshed: { token: refreshedFacts.token!, refreshToken: refreshedFacts.refresh_token! },
  };
  checkLifetimes(lifetimes);
  const deadCodes = new Set(facts.refresh_subscriber_token!.deadRefreshCodes);
  const profileFields = facts.create_subscriber_token!.requestProperties!.filter((p) => !HANDLER_OWNED.includes(p));
  const timeoutMs = options.timeoutMs ?? HANDLER_DEFAULTS.timeoutMs;
  const signalwire = createSignalWireClient({ timeoutMs, ...options.signalwire });
  const guestPolicy = (options.guestPolicy ?? refuseGuests) as GuestPolicy<Caller>;
  const { refresh: coordinate, replace } = createRefreshCoordinator({
    store: options.store ?? createMemoryTokenStore(),
    fallback: options.refreshFallback ?? 'mint',
    reuseWindowMs: lifetimes.reuseWindowSeconds * 1000,
    lockTtlMs: timeoutMs + 2000,
    // The refresh token outlives its access token by the difference SignalWire documents.
    entryTtlMs: (Math.max(lifetimes.tokenLifetimeSeconds, lifetimes.refreshed.token) + lifetimes.refreshed.refreshToken - lifetimes.refreshed.token) * 1000,
  });
  // Each upstream grant's documented answer (its generated response validator), looked up once.
  const answers = {
    minted: documentedAnswer(table.create_subscriber_token),
    refreshed: documentedAnswer(table.refresh_subscriber_token),
    guest: documentedAnswer(table.create_subscriber_guest_token),
  };
  const nowSeconds = () => Math.floor(Date.now() / 1000);
  const grant = (outcome: Outcome, token: string, expireAt: number): Served => ({ outcome, response: jsonResponse(200, { token, expire_at: expireAt }) });

  function isDeadRefreshToken(error: unknown): boolean {
    if (!(error instanceof HttpError) || error.status !== 422) return false;
    const errors = (error.body as Partial<ValidationErrors> | undefined)?.errors;
    return Array.isArray(errors) && errors.some((e) => deadCodes.has(e?.code));
  }

  async function profileOf(caller: Caller): Promise<SubscriberProfile> {
    const profile = await runHook('subscriber', () => options.subscriber(caller));
    if (!profile || typeof profile.reference !== 'string' || profile.reference === '') {
      throw new HookError('subscriber', new TypeError('subscriber must return { reference: non-empty string, ... }'));
    }
    // Only the spec's profile fields: nothing else on your user record travels to SignalWire.
    const copy: Record<string, unknown> = { reference: profile.reference };
    for (const field of profileFields) if ((profile as Record<string, unknown>)[field] !== undefined) copy[field] = (profile as Record<string, unknown>)[field];
    return copy as SubscriberProfile;
  }

  async function mint(profile: SubscriberProfile, fingerprint: string, signal?: AbortSignal): Promise<FreshPair> {
    const expireAt = nowSeconds() + lifetimes.tokenLifetimeSeconds;
    const created = checkedGrant(
      await signalwire.createSubscriberToken({ ...profile, scope: 'sat:refresh', fingerprint, expire_at: expireAt }, { signal }).catch(upstreamFailed),
      answers.minted,
    );
    return { token: created.token, refreshToken: created.refresh_token, expireAt };
  }

  async function refresh(refreshToken: string): Promise<FreshPair | 'rejected'> {
    try {
      // No caller signal: the flight serves every waiting caller, and a spent token's successor must be kept.
      const pair = checkedGrant(await signalwire.refreshSubscriberToken({ refresh_token: refreshToken }).catch(upstreamFailed), answers.refreshed);
      return { token: pair.token, refreshToken: pair.refresh_token, expireAt: nowSeconds() + lifetimes.refreshed.token };
    } catch (error) {
      if (error instanceof UpstreamError && isDeadRefreshToken(error.cause)) return 'rejected';
      throw error;
    }
  }

  /** The store key of the caller's grant on this device. */
  async function device({ caller, body }: RouteContext<Caller>) {
    const { fingerprint } = body as { fingerprint: string };
    const profile = await profileOf(caller as Caller);
    return { profile, fingerprint, key: signalWireStoreKey(options.signalwire, profile.reference, fingerprint) };
  }

  async function issue(context: RouteContext<Caller>) {
    const { profile, fingerprint, key } = await device(context);
    const entry = await replace(key, await mint(profile, fingerprint, context.request.signal));
    return grant('minted', entry.token, entry.expireAt);
  }

  async function renew(context: RouteContext<Caller>) {
    const { profile, fingerprint, key } = await device(context);
    // The flight serves every waiting caller: no one caller's disconnect may cancel its mint.
    const result = await coordinate(key, { refresh, mint: () => mint(profile, fingerprint) });
    if (result.outcome === 'refresh-unavailable') return context.fail('refresh-unavailable');
    return grant(result.outcome, result.entry.token, result.entry.expireAt);
  }

  async function guestToken({ request, caller, body, fail }: RouteContext<Caller>): Promise<Served> {
    const requested = (body as { allowed_addresses: string[] }).allowed_addresses;
    let decision = runHook('guestPolicy', guestPolicy, requested, { caller, request });
    if (isThenable(decision)) decision = await decision;
    const granted = Array.isArray(decision) ? decision : [];
    const addresses = { requested: requested.length, granted: granted.length };
    if (granted.length === 0) return fail('address-refused', { addresses });
    if (!validators.issue_guest_token!.request({ body: { allowed_addresses: granted } })) {
      throw new HookError('guestPolicy', new TypeError('guestPolicy must return 1 to 10 unique address uuids'));
    }
    const expireAt = nowSeconds() + lifetimes.guestLifetimeSeconds;
    // The guest's refresh token is dropped: a guest asks again (and the policy decides again).
    const pair = checkedGrant(
      await signalwire.createSubscriberGuestToken({ allowed_addresses: [...granted], expire_at: expireAt }, { signal: request.signal }).catch(upstreamFailed),
      answers.guest,
    );
    // Named in place, as the pipeline names its answers: no copy of the grant.
    const served = grant('guest', pair.token, expireAt);
    served.addresses = addresses;
    return served;
  }

  const prefix = options.pathPrefix ?? '';
  const route = (op: (typeof table)['issue_subscriber_token' | 'renew_subscriber_token' | 'issue_guest_token']) => ({
    operationId: op.operationId,
    method: op.method,
    path: `${prefix}${op.path}`,
    validate: validators[op.operationId]!.request,
  });
  const routes: TokenRoute<Caller>[] = [
    { ...route(table.issue_subscriber_token), outcomes: ['upstream-error', 'store-error'], serve: issue },
    { ...route(table.renew_subscriber_token), outcomes: ['refresh-unavailable', 'upstream-error', 'store-error'], serve: renew },
    { ...route(table.issue_guest_token), anonymous: true, outcomes: ['address-refused', 'upstream-error'], serve: guestToken },
  ];
  return createTokenPipeline<Caller>({ ...pipelineOptions(options, jsonLines('signalwireToken')), facts, routes });
}

export function createSignalWireTokenHandlers<Caller>(options: SignalWireTokenHandlersOptions<Caller>): (request: Request) => Promise<Response> {
  return buildSignalWireTokenHandlers(options, operationFacts);
}
