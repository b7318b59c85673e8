// A per-call deadline joined with the caller's signal. A plain timer (not
// AbortSignal.timeout/any) so it can be cleared the moment the call ends: no
// timer or listener outlives the call. Durations are checked at most 2^31-1
// ms where they are configured (checkDuration), so one setTimeout holds any.
// One deadline covers the credential provider and the request it authenticates.
import { AbortError, TimeoutError } from './errors.js';
import { untilAborted } from './timer.js';

export class Deadline {
  declare readonly signal: AbortSignal;
  timedOut = false;
  declare private readonly controller: AbortController;
  declare private readonly handle: ReturnType<typeof setTimeout>;
  declare private readonly onCallerAbort?: () => void;

  declare readonly timeoutMs: number;
  declare private readonly callerSignal?: AbortSignal | null;

  constructor(timeoutMs: number, callerSignal?: AbortSignal | null) {
    this.timeoutMs = timeoutMs;
    this.callerSignal = callerSignal;
    const controller = new AbortController();
    this.controller = controller;
    this.signal = controller.signal;
    // One setTimeout: a checked duration never needs chaining.
    this.handle = setTimeout(() => {
      // The reason is not read: `timedOut` says how the call ended.
      this.timedOut = true;
      controller.abort();
    }, timeoutMs);
    if (callerSignal?.aborted) {
      // Aborted while headers were being prepared: a listener added now would never fire.
      controller.abort(callerSignal.reason);
    } else if (callerSignal) {
      this.onCallerAbort = () => controller.abort(callerSignal.reason);
      callerSignal.addEventListener('abort', this.onCallerAbort, { once: true });
    }
  }

  /** The error for how this deadline ended the call, if it did: TimeoutError, or AbortError when the caller cancelled. */
  ended(operationId: string): TimeoutError | AbortError | undefined {
    if (this.timedOut) return new TimeoutError(operationId, this.timeoutMs);
    if (this.callerSignal?.aborted) return new AbortError(operationId);
    return undefined;
  }

  /** Runs `work` (e.g. the credential provider) until this deadline passes or the caller aborts. */
  race<T>(work: () => T | Promise<T>): Promise<T> {
    return untilAborted(work, this.signal);
  }

  clear(): void {
    clearTimeout(this.handle);
    if (this.onCallerAbort) this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }
}
