// The one abortable timer: the call deadline, the credential-provider guard
// and the retry sleep all wait through it. Node clamps a delay over 2^31-1 ms
// to 1 ms, so durations are checked against that limit where they are
// configured (checkDuration), and a longer wait is chained, never fired early.
import { ConfigError } from './errors.js';

/** Largest delay a JavaScript timer honours: 2^31-1 ms, about 24.8 days. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Checks a configured duration in ms: a positive (or, with `allowZero`, non-negative)
 * number no larger than MAX_TIMER_MS. The message names the option and the limit.
 */
export function checkDuration(value: unknown, name: string, opts: { allowZero?: boolean } = {}): number {
  const ok = typeof value === 'number' && Number.isFinite(value) && (opts.allowZero ? value >= 0 : value > 0) && value <= MAX_TIMER_MS;
  if (!ok) {
    const shown = typeof value === 'number' || value == null ? value : typeof value;
    throw new ConfigError(`${name} must be a ${opts.allowZero ? 'non-negative' : 'positive'} number of milliseconds, at most ${MAX_TIMER_MS}; got ${shown}`);
  }
  return value as number;
}

/** A started timer that calls `fire` once after `ms` (chained past MAX_TIMER_MS), unless cleared first. */
export interface Timer {
  clear(): void;
}

export function startTimer(ms: number, fire: () => void): Timer {
  let handle: ReturnType<typeof setTimeout> | undefined;
  const due = Date.now() + ms;
  const arm = (left: number) => {
    handle = setTimeout(() => {
      const rest = due - Date.now();
      // Only a wait longer than one timer can hold is re-armed.
      if (left === MAX_TIMER_MS && rest > 0) arm(Math.min(rest, MAX_TIMER_MS));
      else fire();
    }, left);
  };
  if (Number.isFinite(ms)) arm(Math.min(Math.max(0, ms), MAX_TIMER_MS));
  return { clear: () => clearTimeout(handle) };
}

/**
 * Waits `ms`, rejecting with the signal's reason when it aborts. The timer and
 * the listener are both gone once it settles: nothing outlives a cancelled call.
 */
export function abortableDelay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      timer.clear();
      reject(signal!.reason);
    };
    const timer = startTimer(ms, () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Races `work` against `signal`: rejects with the signal's reason the moment it
 * aborts (a provider that never settles must not hang the call), and removes
 * the listener once settled.
 */
export function untilAborted<T>(work: () => T | Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  let onAbort: (() => void) | undefined;
  const guard = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([Promise.resolve().then(work), guard]).finally(() => signal.removeEventListener('abort', onAbort!));
}
