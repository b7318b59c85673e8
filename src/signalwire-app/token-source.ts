// Keeps a fresh subscriber token for @signalwire/js 3.x. Its Fabric client
// never calls `onRefreshToken`, so `keepFresh` is the refresh path: it calls
// `client.updateToken` on its own schedule. One request per expiry however
// many callers ask; lifetimes measured on the server's clock (its `Date`
// header), not the device's; never two refreshes closer than a minimum delay,
// with exponential backoff and jitter after failures; `stop()` is final.
import { TOKEN_SOURCE_DEFAULTS } from './defaults.js';
import { ConfigError, ProviderError } from '../core/errors.js';
import { startTimer, type Timer } from '../core/timer.js';
import type { SignalWireAppClient } from './app-client.js';
import { deviceFingerprint } from './fingerprint.js';

export interface SubscriberTokenSourceOptions {
  /** The client for your app server's endpoints. */
  client: SignalWireAppClient;
  /** This device's fingerprint, or a function giving it. Default: `deviceFingerprint()`. */
  fingerprint?: string | (() => string | Promise<string>);
  /** Refresh this many seconds before the token expires (default: `DEFAULTS.tokenSource.refreshMarginSeconds`). */
  refreshMarginSeconds?: number;
  /** Never ask for a new token sooner than this after the last one arrived, in ms, at least 1000 (default: `DEFAULTS.tokenSource.minRefreshDelayMs`). */
  minRefreshDelayMs?: number;
  /** Longest wait between attempts after failures, in ms (default: `DEFAULTS.tokenSource.maxBackoffMs`). */
  maxBackoffMs?: number;
  /** Milliseconds since the epoch on this device (inject for tests). */
  now?: () => number;
  /** A number in [0, 1) for the jitter (inject for tests). Default Math.random. */
  random?: () => number;
}

/** What `keepFresh` needs from a @signalwire/js client. */
export interface UpdatableClient {
  updateToken(token: string): Promise<void>;
}

export interface SubscriberTokenSource {
  /** A token valid for at least the margin: the current one, or a new one from your server. */
  getToken(): Promise<string>;
  /** The same as `getToken`, shaped for `SignalWire({ onRefreshToken })` (which @signalwire/js 3.30's Fabric client never calls). */
  onRefreshToken(): Promise<string>;
  /** Calls `client.updateToken` shortly before each expiry until the returned stop function runs. */
  keepFresh(client: UpdatableClient, options?: { onError?: (error: unknown) => void }): () => void;
  /** Unix seconds (server clock) at which the current token expires, once there is one. */
  readonly expireAt: number | undefined;
}

interface Held {
  token: string;
  expireAt: number;
  /** On this device's clock: when it arrived, and when it is due for a refresh (NaN: unknown expiry). */
  receivedAt: number;
  dueAt: number;
  expiresAt: number;
}

function nonNegative(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new ConfigError(`${name} must be a non-negative number; got ${String(value)}`);
  return value;
}

export function createSubscriberTokenSource(options: SubscriberTokenSourceOptions): SubscriberTokenSource {
  if (!options || typeof options.client?.renewSubscriberToken !== 'function')
    throw new TypeError('createSubscriberTokenSource needs { client: createSignalWireAppClient(...) }');
  const D = TOKEN_SOURCE_DEFAULTS;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const marginMs = nonNegative(options.refreshMarginSeconds, 'refreshMarginSeconds', D.refreshMarginSeconds) * 1000;
  const minDelayMs = Math.max(1000, nonNegative(options.minRefreshDelayMs, 'minRefreshDelayMs', D.minRefreshDelayMs));
  const maxBackoffMs = Math.max(minDelayMs, nonNegative(options.maxBackoffMs, 'maxBackoffMs', D.maxBackoffMs));
  let current: Held | undefined;
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

  /**
   * The token's lifetime on the server's clock (`expire_at` minus the response's `Date`, which
   * has whole seconds: one more is taken off), laid onto this device's clock from when it arrived.
   * Without a readable `Date` (another origin that does not expose it) the device clock is used.
   */
  function hold(token: string, expireAt: number, serverDate: number): Held {
    const receivedAt = now();
    const lifetimeMs = Number.isFinite(serverDate) ? expireAt * 1000 - serverDate - 1000 : expireAt * 1000 - receivedAt;
    // A null, NaN or past expiry gives NaN or a negative lifetime: never valid, refreshed on the backoff schedule.
    const expiresAt = typeof expireAt === 'number' ? receivedAt + lifetimeMs : Number.NaN;
    return { token, expireAt, receivedAt, expiresAt, dueAt: expiresAt - marginMs };
  }

  /** Still good, or so new that asking again cannot help (a lifetime under the margin). */
  const usable = (held: Held | undefined): held is Held => held !== undefined && (held.dueAt > now() || now() - held.receivedAt < minDelayMs);

  /** One request for everyone waiting on the current expiry. */
  function next(): Promise<string> {
    flight ??= (async () => {
      const body = { fingerprint: await getFingerprint() };
      let serverDate = Number.NaN;
      const call = { onResponse: (response: Response) => void (serverDate = Date.parse(response.headers.get('date') ?? '')) };
      // The first token of a page is issued; every later one is a refresh the server coordinates.
      const grant = current ? await options.client.renewSubscriberToken(body, call) : await options.client.issueSubscriberToken(body, call);
      current = hold(grant.token, grant.expire_at, serverDate);
      return grant.token;
    })().finally(() => {
      flight = undefined;
    });
    return flight;
  }

  const getToken = () => (usable(current) ? Promise.resolve(current.token) : next());

  return {
    getToken,
    onRefreshToken: getToken,
    keepFresh(client, keepOptions = {}) {
      let timer: Timer | undefined;
      let stopped = false;
      let failures = 0;
      let handedOn: string | undefined;
      // startTimer, not setTimeout: a token living longer than 2^31-1 ms (24.8 days)
      // would otherwise fire at once and refresh in a loop.
      const schedule = (delayMs: number) => {
        if (!stopped) timer = startTimer(delayMs, tick);
      };
      /** minRefreshDelayMs doubled per failure, up to maxBackoffMs, plus up to half again of jitter. */
      const backoff = () => {
        const base = Math.min(maxBackoffMs, minDelayMs * 2 ** Math.min(failures++, 30));
        return base + random() * base * 0.5;
      };
      /** The wait until the next refresh: the due time, or halfway through a lifetime shorter than the margin. */
      const wait = (held: Held) => {
        const untilDue = held.dueAt - now();
        if (untilDue >= minDelayMs) return untilDue;
        const half = (held.expiresAt - now()) / 2;
        return half >= minDelayMs ? half : undefined;
      };
      const tick = async () => {
        try {
          const token = await getToken();
          if (stopped) return;
          if (token !== handedOn) {
            await client.updateToken(token);
            handedOn = token;
          }
          if (stopped) return;
          const delay = wait(current!);
          if (delay === undefined) return schedule(backoff());
          failures = 0;
          schedule(delay);
        } catch (error) {
          if (stopped) return;
          keepOptions.onError?.(error);
          schedule(backoff());
        }
      };
      schedule(current ? (wait(current) ?? 0) : 0);
      return () => {
        stopped = true;
        timer?.clear();
      };
    },
    get expireAt() {
      return current?.expireAt;
    },
  };
}
