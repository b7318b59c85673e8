// A call deadline re-arms one Node timer instead of building a new one: a
// fresh setTimeout and clearTimeout per call was about a tenth of the client's
// per-call time over bare openapi-fetch on a stubbed fetch (bench/FINDINGS.md).
// Each duration keeps one Timeout, re-armed with refresh() by the next deadline
// once the last one has ended; a deadline starting while it is in use (a
// concurrent call) gets a timer of its own. No clock is read: fake timers that
// fake only setTimeout drive it like any timer. While idle the Timeout is
// unref'd (it holds no process open) and, if it fires, does nothing.
// Only the Node call path (call.ts, transport.ts) uses it: browser bundles stay small.
import { MAX_TIMER_MS, startTimer, type Timer } from './timer.js';

type Handle = ReturnType<typeof setTimeout>;
type Refreshable = Handle & { refresh(): unknown; ref(): unknown; unref(): unknown };

/** Node's Timeout can be re-armed and unref'd; a browser's timer id cannot, so there every deadline has its own timer. */
function refreshable(handle: Handle): handle is Refreshable {
  const h = handle as { refresh?: unknown; ref?: unknown; unref?: unknown } | null;
  return typeof h === 'object' && h !== null && typeof h.refresh === 'function' && typeof h.ref === 'function' && typeof h.unref === 'function';
}

/** A deadline on a lane's timer (a class, so starting one builds no closures). */
class LaneTimer implements Timer {
  constructor(
    private readonly lane: Lane,
    readonly fire: () => void,
  ) {}

  clear(): void {
    this.lane.release(this);
  }
}

class Lane {
  private handle: Refreshable | undefined;
  /** The deadline the timer is armed for, if any. */
  private owner: LaneTimer | undefined;
  /** Set once this lane's setTimeout proved not refreshable (a browser): every deadline then has its own timer. */
  private plain = false;
  /** The setTimeout this lane was built with: fake timers installed later get a lane of their own. */
  readonly setTimeoutFn = globalThis.setTimeout;

  constructor(private readonly ms: number) {}

  add(fire: () => void): Timer {
    if (this.owner || this.plain) return startTimer(this.ms, fire);
    const timer = new LaneTimer(this, fire);
    this.owner = timer;
    if (this.handle) {
      this.handle.refresh();
      this.handle.ref();
    } else {
      const handle = setTimeout(() => this.onFire(), this.ms);
      if (!refreshable(handle)) {
        clearTimeout(handle);
        this.owner = undefined;
        this.plain = true;
        return startTimer(this.ms, fire);
      }
      this.handle = handle;
    }
    return timer;
  }

  release(timer: LaneTimer): void {
    if (this.owner !== timer) return;
    this.owner = undefined;
    this.handle!.unref();
  }

  private onFire(): void {
    const owner = this.owner;
    this.owner = undefined;
    owner?.fire();
  }
}

/** A few durations are in use (the client's timeout, a per-call override); others get a timer of their own. */
const MAX_LANES = 8;
const lanes = new Map<number, Lane>();

/** startTimer for a call deadline: the same contract, one reusable Timeout per duration. */
export function startDeadlineTimer(ms: number, fire: () => void): Timer {
  if (!(ms >= 1 && ms < MAX_TIMER_MS)) return startTimer(ms, fire);
  let lane = lanes.get(ms);
  if (!lane || lane.setTimeoutFn !== globalThis.setTimeout) {
    if (!lane && lanes.size >= MAX_LANES) return startTimer(ms, fire);
    lane = new Lane(ms);
    lanes.set(ms, lane);
  }
  return lane.add(fire);
}
