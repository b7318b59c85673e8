// Ready-made SignalWire token endpoints for a Fabric app server
// (openapi/signalwire-app.yaml), as one web-standard (Request) => Response:
// subscriber token, its race-free refresh, and policy-limited guest tokens.
import { SIGNALWIRE_HANDLER_DEFAULTS } from '../core/defaults.js';
import { ConfigError, HttpError } from '../core/errors.js';
import { operationFacts } from '../../generated/operation-facts.js';
import { operations as table } from '../../generated/operations.js';
import { validators } from '../../generated/validators/signalwire-app.js';
import type { SubscriberTokenRequest, ValidationErrors } from '../../generated/types/signalwire-fabric.js';
import { createSignalWireClient } from '../signalwire/client.js';
import type { SignalWireOptions } from '../signalwire/config.js';
import { refuseGuests, type GuestPolicy } from './guest-policy.js';
import { HookError, runHook, type Authorize } from './hooks.js';
import { checkRefreshTimings, createRefreshCoordinator, type FreshPair } from './refresh-coordinator.js';
import { readBodyCapped } from './read-body.js';
import { chooseLogger, describeUpstream, jsonLines, serveLogged } from './request-log.js';
import { appErrorResponse, grantResponse, type AppErrorCode } from './signalwire-app-responses.js';
import { TokenStoreError } from './store-errors.js';
import { createMemoryTokenStore, signalWireStoreKey, type TokenStore } from './token-store.js';
import { isJsonMediaType } from '../core/media-type.js';

/** The subscriber fields your user record supplies; `scope`, `fingerprint` and `expire_at` are the handler's. */
export type SubscriberProfile = Pick<SubscriberTokenRequest, 'reference'> & Partial<Pick<SubscriberTokenRequest, (typeof PROFILE_FIELDS)[number]>>;

const PROFILE_FIELDS = [
  'application_id',
  'password',
  'first_name',
  'last_name',
  'display_name',
  'job_title',
  'time_zone',
  'country',
  'company_name',
  'region',
] as const;

export type SignalWireTokenOutcome =
  | 'minted'
  | 'refreshed'
  | 'reused'
  | 'guest'
  | 'not-found'
  | 'unauthorized'
  | 'refresh-unavailable'
  | 'address-refused'
  | 'too-large'
  | 'invalid-body'
  | 'upstream-error'
  | 'store-error'
  | 'internal-error';

/** One entry per request. No token, reference, fingerprint or address values: counts and kinds only. */
export interface SignalWireTokenLogEntry {
  method: string;
  path: string;
  status: number;
  /** The operationId served, when the path and method matched one. */
  operation?: string;
  outcome: SignalWireTokenOutcome;
  durationMs: number;
  /** For a guest request: how many addresses were asked for and granted. */
  addresses?: { requested: number; granted: number };
  /** For upstream-error: what failed, e.g. `http 422`, `timeout`. */
  upstream?: string;
  /** For store-error: which store step failed. */
  store?: string;
  /** For internal-error: which hook threw (`authorize`, `subscriber`, `guestPolicy`). */
  failedHook?: string;
}

export type SignalWireTokenLogger = (entry: SignalWireTokenLogEntry) => void;

export interface SignalWireTokenHandlersOptions<Caller> {
  /** Your project's credentials (server-side only): `{ space, projectId, apiToken }`, optional `baseUrl`, `fetch`. */
  signalwire: SignalWireOptions;
  /** Identifies the caller from its own session or bearer credential. Must not read the body. */
  authorize: Authorize<Caller>;
  /** The subscriber's `reference` and profile, from your user record. Never from the request. */
  subscriber: (caller: Caller) => SubscriberProfile | Promise<SubscriberProfile>;
  /** Which addresses a guest may reach. Default: refuse every guest (403). */
  guestPolicy?: GuestPolicy<Caller>;
  /** Where refresh tokens live. Default: this process's memory; use `createRedisTokenStore` for several instances. */
  store?: TokenStore;
  /** When the refresh token is gone or rejected: `'mint'` a new subscriber token (default) or `'refuse'` (401 refresh_unavailable). */
  refreshFallback?: 'mint' | 'refuse';
  /** Lifetime of a minted subscriber token, in seconds (default: SIGNALWIRE_HANDLER_DEFAULTS, SignalWire's own default). */
  tokenLifetimeSeconds?: number;
  /** Lifetime of a guest token, in seconds (default: SIGNALWIRE_HANDLER_DEFAULTS). */
  guestLifetimeSeconds?: number;
  /** A token refreshed less than this many seconds ago is returned instead of refreshed again (default: SIGNALWIRE_HANDLER_DEFAULTS). */
  reuseWindowSeconds?: number;
  /** Timeout of each SignalWire call in ms (default: SIGNALWIRE_HANDLER_DEFAULTS). */
  timeoutMs?: number;
  /** Called once per request; `false` turns logging off. Default: one JSON line on stdout. */
  logger?: SignalWireTokenLogger | false;
  /** Prefix before the spec's paths, e.g. `/api`. Default none. */
  pathPrefix?: string;
}

/** SignalWire's refresh gives a new access token valid 2 hours (refresh_subscriber_token's description). */
const REFRESHED_LIFETIME_S = 7200;
/** A refresh token outlives its access token by 5 minutes. */
const REFRESH_TOKEN_EXTRA_S = 300;
/** The 422 codes that mean "this refresh token will never work again". */
const DEAD_REFRESH_CODES = new Set(['token_expired', 'not_a_refresh_token', 'invalid_token_format']);

const OUTCOME_CODE: Record<Exclude<SignalWireTokenOutcome, 'minted' | 'refreshed' | 'reused' | 'guest'>, AppErrorCode> = {
  'not-found': 'not_found',
  unauthorized: 'unauthorized',
  'refresh-unavailable': 'refresh_unavailable',
  'address-refused': 'address_refused',
  'too-large': 'too_large',
  'invalid-body': 'invalid_body',
  'upstream-error': 'internal_error',
  'store-error': 'internal_error',
  'internal-error': 'internal_error',
};

type Result = { response: Response; outcome: SignalWireTokenOutcome } & Partial<
  Pick<SignalWireTokenLogEntry, 'addresses' | 'upstream' | 'store' | 'failedHook'>
>;

function fail(outcome: keyof typeof OUTCOME_CODE, extra: Partial<Result> = {}): Result {
  return { ...extra, outcome, response: appErrorResponse(OUTCOME_CODE[outcome]) };
}

/** A SignalWire call failed: kept apart from store and hook failures for the log. */
class UpstreamError extends Error {
  constructor(readonly upstream: string) {
    super(`SignalWire call failed: ${upstream}`);
  }
}

function isDeadRefreshToken(error: unknown): boolean {
  if (!(error instanceof HttpError) || error.status !== 422) return false;
  const errors = (error.body as Partial<ValidationErrors> | undefined)?.errors;
  return Array.isArray(errors) && errors.some((e) => DEAD_REFRESH_CODES.has(e?.code));
}

function positive(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value > 0)) throw new ConfigError(`${name} must be a positive number; got ${String(value)}`);
  return value;
}

function checkOptions(options: SignalWireTokenHandlersOptions<unknown>): void {
  if (!options || typeof options !== 'object') throw new ConfigError('createSignalWireTokenHandlers needs options: { signalwire, authorize, subscriber, ... }');
  if (typeof options.authorize !== 'function')
    throw new ConfigError('authorize is required: a function that identifies the caller from the request and returns a falsy value when it cannot');
  if (typeof options.subscriber !== 'function')
    throw new ConfigError('subscriber is required: a function (caller) => { reference, ...profile } reading your user record');
  if (options.guestPolicy !== undefined && typeof options.guestPolicy !== 'function')
    throw new ConfigError('guestPolicy must be a function (requested, { caller, request }) => addresses | false');
  if (options.refreshFallback !== undefined && options.refreshFallback !== 'mint' && options.refreshFallback !== 'refuse')
    throw new ConfigError("refreshFallback must be 'mint' or 'refuse'");
  if (options.pathPrefix !== undefined && (typeof options.pathPrefix !== 'string' || !/^(\/[^/]+)+$/.test(options.pathPrefix)))
    throw new ConfigError('pathPrefix must look like /api (no trailing slash)');
  const store = options.store as Partial<TokenStore> | undefined;
  if (store !== undefined && (['get', 'compareAndSet', 'delete', 'acquireLock', 'releaseLock'] as const).some((m) => typeof store?.[m] !== 'function')) {
    throw new ConfigError('store must implement TokenStore: get, compareAndSet, delete, acquireLock, releaseLock');
  }
}

export function createSignalWireTokenHandlers<Caller>(options: SignalWireTokenHandlersOptions<Caller>): (request: Request) => Promise<Response> {
  checkOptions(options as SignalWireTokenHandlersOptions<unknown>);
  const D = SIGNALWIRE_HANDLER_DEFAULTS;
  const timeoutMs = positive(options.timeoutMs, 'timeoutMs', D.timeoutMs);
  const lifetime = positive(options.tokenLifetimeSeconds, 'tokenLifetimeSeconds', D.tokenLifetimeSeconds);
  const guestLifetime = positive(options.guestLifetimeSeconds, 'guestLifetimeSeconds', D.guestLifetimeSeconds);
  const reuseWindowMs = positive(options.reuseWindowSeconds, 'reuseWindowSeconds', D.reuseWindowSeconds) * 1000;
  checkRefreshTimings({ tokenLifetimeSeconds: lifetime, reuseWindowSeconds: reuseWindowMs / 1000 });
  const signalwire = createSignalWireClient({ timeoutMs, ...options.signalwire });
  const guestPolicy = (options.guestPolicy ?? refuseGuests) as GuestPolicy<Caller>;
  const logger = chooseLogger<SignalWireTokenLogEntry>(options.logger, jsonLines('signalwireToken'));
  const prefix = options.pathPrefix ?? '';
  const { refresh: coordinate, replace } = createRefreshCoordinator({
    store: options.store ?? createMemoryTokenStore(),
    fallback: options.refreshFallback ?? 'mint',
    reuseWindowMs,
    lockTtlMs: timeoutMs + 2000,
    entryTtlMs: (Math.max(lifetime, REFRESHED_LIFETIME_S) + REFRESH_TOKEN_EXTRA_S) * 1000,
  });
  const routes = new Map(
    ([table.issue_subscriber_token, table.renew_subscriber_token, table.issue_guest_token] as const).map((op) => [`${op.method} ${prefix}${op.path}`, op]),
  );
  const nowSeconds = () => Math.floor(Date.now() / 1000);

  async function upstream<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw new UpstreamError(describeUpstream(error));
    }
  }

  async function profileOf(caller: Caller): Promise<SubscriberProfile> {
    const profile = await runHook('subscriber', () => options.subscriber(caller));
    if (!profile || typeof profile.reference !== 'string' || profile.reference === '') {
      throw new HookError('subscriber', new TypeError('subscriber must return { reference: non-empty string, ... }'));
    }
    // Only the profile fields: nothing else on your user record travels to SignalWire.
    const copy: Record<string, unknown> = { reference: profile.reference };
    for (const field of PROFILE_FIELDS) if (profile[field] !== undefined) copy[field] = profile[field];
    return copy as SubscriberProfile;
  }

  async function mint(profile: SubscriberProfile, fingerprint: string, signal?: AbortSignal): Promise<FreshPair> {
    const expireAt = nowSeconds() + lifetime;
    const created = await upstream(() => signalwire.createSubscriberToken({ ...profile, scope: 'sat:refresh', fingerprint, expire_at: expireAt }, { signal }));
    return { token: created.token, refreshToken: created.refresh_token, expireAt };
  }

  async function refresh(refreshToken: string): Promise<FreshPair | 'rejected'> {
    try {
      // No caller signal: the flight serves every waiting caller, and a spent token's successor must be kept.
      const pair = await signalwire.refreshSubscriberToken({ refresh_token: refreshToken });
      return { token: pair.token, refreshToken: pair.refresh_token, expireAt: nowSeconds() + REFRESHED_LIFETIME_S };
    } catch (error) {
      if (isDeadRefreshToken(error)) return 'rejected';
      throw new UpstreamError(describeUpstream(error));
    }
  }

  /** Reads and validates the body against the operation's schema (generated from the spec). */
  async function readBody(request: Request, op: (typeof table)['issue_subscriber_token' | 'renew_subscriber_token' | 'issue_guest_token']) {
    const body = await readBodyCapped(request, operationFacts[op.operationId].bodyLimit);
    if (!body.ok) return body.reason === 'too-large' ? 'too-large' : 'invalid-body';
    if (!isJsonMediaType(request.headers.get('content-type'))) return 'invalid-body';
    let value: unknown;
    try {
      value = JSON.parse(body.text);
    } catch {
      return 'invalid-body';
    }
    return validators[op.operationId]!.request({ body: value }) ? { value } : 'invalid-body';
  }

  async function subscriberToken(request: Request, renew: boolean): Promise<Result> {
    const caller = await runHook('authorize', () => options.authorize(request));
    if (!caller) return fail('unauthorized');
    const body = await readBody(request, renew ? table.renew_subscriber_token : table.issue_subscriber_token);
    if (typeof body === 'string') return fail(body);
    const { fingerprint } = body.value as { fingerprint: string };
    const profile = await profileOf(caller);
    const key = signalWireStoreKey(options.signalwire, profile.reference, fingerprint);
    if (!renew) {
      const entry = await replace(key, await mint(profile, fingerprint, request.signal));
      return { outcome: 'minted', response: grantResponse(entry.token, entry.expireAt) };
    }
    // The flight serves every waiting caller: no one caller's disconnect may cancel its mint.
    const result = await coordinate(key, { refresh, mint: () => mint(profile, fingerprint) });
    if (result.outcome === 'refresh-unavailable') return fail('refresh-unavailable');
    return { outcome: result.outcome, response: grantResponse(result.entry.token, result.entry.expireAt) };
  }

  async function guestToken(request: Request): Promise<Result> {
    // Anonymous guests are allowed, but a credential that is sent must be valid:
    // an expired session is a 401, not a silent downgrade to anonymous.
    const caller = (await runHook('authorize', () => options.authorize(request))) || undefined;
    if (!caller && request.headers.has('authorization')) return fail('unauthorized');
    const body = await readBody(request, table.issue_guest_token);
    if (typeof body === 'string') return fail(body);
    const requested = (body.value as { allowed_addresses: string[] }).allowed_addresses;
    const decision = await runHook('guestPolicy', () => guestPolicy(requested, { caller, request }));
    const granted = Array.isArray(decision) ? decision : [];
    const addresses = { requested: requested.length, granted: granted.length };
    if (granted.length === 0) return fail('address-refused', { addresses });
    if (!validators.issue_guest_token!.request({ body: { allowed_addresses: granted } })) {
      throw new HookError('guestPolicy', new TypeError('guestPolicy must return 1 to 10 unique address uuids'));
    }
    const expireAt = nowSeconds() + guestLifetime;
    // The guest's refresh token is dropped: a guest asks again (and the policy decides again).
    const pair = await upstream(() =>
      signalwire.createSubscriberGuestToken({ allowed_addresses: [...granted], expire_at: expireAt }, { signal: request.signal }),
    );
    return { outcome: 'guest', addresses, response: grantResponse(pair.token, expireAt) };
  }

  async function respond(request: Request, op: ReturnType<typeof routes.get>): Promise<Result> {
    if (!op) return fail('not-found');
    try {
      return op.operationId === 'issue_guest_token' ? await guestToken(request) : await subscriberToken(request, op.operationId === 'renew_subscriber_token');
    } catch (error) {
      if (error instanceof UpstreamError) return fail('upstream-error', { upstream: error.upstream });
      if (error instanceof TokenStoreError) return fail('store-error', { store: error.operation });
      if (error instanceof HookError) return fail('internal-error', { failedHook: error.hook });
      // A custom TokenStore's own error, or a bug: still the documented 500.
      return fail('internal-error', { failedHook: 'unknown' });
    }
  }

  const route = (request: Request, url: URL) => routes.get(`${request.method} ${url.pathname}`);
  const named = (op: ReturnType<typeof route>) => (op ? { operation: op.operationId } : {});
  return function signalwireTokenHandlers(request: Request): Promise<Response> {
    return serveLogged<Omit<Result, 'response'> & { operation?: string }>(
      request,
      async (url) => {
        const op = route(request, url);
        return { ...(await respond(request, op)), ...named(op) };
      },
      (_error, url) => ({ ...fail('internal-error', { failedHook: 'handler' }), ...named(route(request, url)) }),
      logger,
    );
  };
}
