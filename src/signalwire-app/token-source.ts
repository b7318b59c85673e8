// Keeps a fresh subscriber token for @signalwire/js: hand `token` and
// `onRefreshToken` to `SignalWire({ ... })`, or let `keepFresh` call
// `client.updateToken`. One refresh per expiry, however many callers ask.
import { TOKEN_SOURCE_DEFAULTS } from './defaults.js';
import { ProviderError } from '../core/errors.js';
import { startTimer, type Timer } from '../core/timer.js';
import type { SignalWireAppClient } from './app-client.js';
import { deviceFingerprint } from './fingerprint.js';

export interface SubscriberTokenSourceOptions {
  /** The client for your app server's endpoints. */
  client: SignalWireAppClient;
  /** This device's fingerprint, or a function giving it. Default: `deviceFingerprint()`. */
  fingerprint?: string | (() => string | Promise<string>);
  /** Refresh this many seconds before the token expires (default: TOKEN_SOURCE_DEFAULTS). */
  refreshMarginSeconds?: number;
  /** Milliseconds since the epoch (inject for tests). */
  now?: () => number;
}

/** What `keepFresh` needs from a @signalwire/js client. */
export interface UpdatableClient {
  updateToken(token: string): Promise<void>;
}

export interface SubscriberTokenSource {
  /** A token valid for at least the margin: the current one, or a new one from your server. */
  getToken(): Promise<string>;
  /** For `SignalWire({ onRefreshToken })`: the next token, refreshed once per expiry. */
  onRefreshToken(): Promise<string>;
  /** Calls `client.updateToken` shortly before each expiry until the returned stop function runs. */
  keepFresh(client: UpdatableClient, options?: { onError?: (error: unknown) => void }): () => void;
  /** Unix seconds at which the current token expires, once there is one. */
  readonly expireAt: number | undefined;
}

export function createSubscriberTokenSource(options: SubscriberTokenSourceOptions): SubscriberTokenSource {
  if (!options || typeof options.client?.renewSubscriberToken !== 'function')
    throw new TypeError('createSubscriberTokenSource needs { client: createSignalWireAppClient(...) }');
  const now = options.now ?? Date.now;
  const marginMs = (options.refreshMarginSeconds ?? TOKEN_SOURCE_DEFAULTS.refreshMarginSeconds) * 1000;
  let current: { token: string; expireAt: number } | undefined;
  let flight: Promise<string> | undefined;
  let fingerprint: Promise<string> | undefined;

  const getFingerprint = () => {
    const given = options.fingerprint;
    fingerprint ??= Promise.resolve()
      .then(() => (typeof given === 'function' ? given() : (given ?? deviceFingerprint())))
      .catch((error: unknown) => {
        fingerprint = undefined;
        throw new ProviderError('renew_subscriber_token', error);
      });
    return fingerprint;
  };
  const valid = () => current !== undefined && current.expireAt * 1000 - marginMs > now();

  /** One request for everyone waiting on the current expiry. */
  function next(): Promise<string> {
    flight ??= (async () => {
      const body = { fingerprint: await getFingerprint() };
      // The first token of a page is issued; every later one is a refresh the server coordinates.
      const grant = current ? await options.client.renewSubscriberToken(body) : await options.client.issueSubscriberToken(body);
      current = { token: grant.token, expireAt: grant.expire_at };
      return grant.token;
    })().finally(() => {
      flight = undefined;
    });
    return flight;
  }

  const source: SubscriberTokenSource = {
    getToken: () => (valid() ? Promise.resolve(current!.token) : next()),
    onRefreshToken: () => (valid() ? Promise.resolve(current!.token) : next()),
    keepFresh(client, keepOptions = {}) {
      let timer: Timer | undefined;
      let stopped = false;
      // startTimer, not setTimeout: a token living longer than 2^31-1 ms (24.8 days)
      // would otherwise fire at once and refresh in a loop.
      const schedule = (delayMs: number) => {
        if (!stopped) timer = startTimer(delayMs, tick);
      };
      const tick = async () => {
        try {
          await client.updateToken(await source.getToken());
          schedule(current!.expireAt * 1000 - marginMs - now());
        } catch (error) {
          keepOptions.onError?.(error);
          schedule(30_000);
        }
      };
      schedule(current ? current.expireAt * 1000 - marginMs - now() : 0);
      return () => {
        stopped = true;
        timer?.clear();
      };
    },
    get expireAt() {
      return current?.expireAt;
    },
  };
  return source;
}
