// A per-call deadline joined with the caller's signal. A plain timer (not
// AbortSignal.timeout/any) so it can be cleared the moment the call ends: no
// timer or listener outlives the call. Durations are checked at most 2^31-1
// ms where they are configured (checkDuration), so one setTimeout holds any.
// One deadline covers the credential provider and the request it authenticates.
import { AbortError, TimeoutError } from './errors.js';
import { untilAborted, type Timer } from './timer.js';

/** One setTimeout: a checked duration never needs chaining. */
function plainTimer(ms: number, fire: () => void): Timer {
  const handle = setTimeout(fire, ms);
  return { clear: () => clearTimeout(handle) };
}

export class Deadline {
  readonly signal: AbortSignal;
  timedOut = false;
  private readonly controller = new AbortController();
  private readonly timer: Timer;
  private readonly onCallerAbort?: () => void;

  constructor(
    readonly timeoutMs: number,
    private readonly callerSignal?: AbortSignal | null,
    start: (ms: number, fire: () => void) => Timer = plainTimer,
  ) {
    this.signal = this.controller.signal;
    this.timer = start(timeoutMs, () => {
      this.timedOut = true;
      this.controller.abort(new DOMException('timeout', 'TimeoutError'));
    });
    if (callerSignal?.aborted) {
      // Aborted while headers were being prepared: a listener added now would never fire.
      this.controller.abort(callerSignal.reason);
    } else if (callerSignal) {
      this.onCallerAbort = () => this.controller.abort(callerSignal.reason);
      callerSignal.addEventListener('abort', this.onCallerAbort, { once: true });
    }
  }

  get callerAborted(): boolean {
    return !this.timedOut && this.callerSignal?.aborted === true;
  }

  /** The error for how this deadline ended the call, if it did: TimeoutError, or AbortError when the caller cancelled. */
  ended(operationId: string): TimeoutError | AbortError | undefined {
    if (this.timedOut) return new TimeoutError(operationId, this.timeoutMs);
    if (this.callerAborted) return new AbortError(operationId);
    return undefined;
  }

  /** Runs `work` (e.g. the credential provider) until this deadline passes or the caller aborts. */
  race<T>(work: () => T | Promise<T>): Promise<T> {
    return untilAborted(work, this.signal);
  }

  clear(): void {
    this.timer.clear();
    if (this.onCallerAbort) this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }
}
