// Every budget the bench enforces, from issue 7, in one place.
export const BUDGETS = {
  /** The SignalWire guest handler behind the in-memory rate limiter, over the same handler without it (issue 21). */
  rateLimitMemoryRatio: 1.05,
  /** The SignalWire guest handler over a bare hand-written handler making the same client call, loopback upstream (bench:signalwire-app). */
  signalwireHandlerRatio: 1.1,
  /** Our client (defaults) per-call time over bare openapi-fetch, stubbed fetch. */
  stubbedRatio: 1.1,
  /** What we aim for on the stubbed target (reported, not enforced). */
  stubbedAim: 1.05,
  /** Our client (defaults) over bare openapi-fetch, loopback HTTP. */
  loopbackRatio: 1.02,
  /** Our client with request validation on, over bare openapi-fetch, stubbed fetch. */
  validatedStubbedRatio: 1.25,
  /**
   * The rtc-token-apis/signalwire entry, gzip, openapi-fetch included (~2.6 KB
   * of it, for the `raw` clients). A server-side client (its API token must
   * never reach a browser), so this is a regression guard, not a browser
   * budget: 9.87 KB before the one call path (December 2026), 9.13 KB on it.
   */
  signalwireGzip: 10 * 1024,
  /**
   * Each browser client alone, on the one call path every client shares
   * (src/core/call.ts: plain fetch, no openapi-fetch; retries opt-in by
   * import): issues 11, 16 and 20's 5.0 KB, the size of ky alone. The ProCONF
   * app client reached 4.91 KB, the SignalWire app client 4.97 KB (December
   * 2026) with the declared-length check, typed network failures and the
   * retry hook the one path added.
   */
  proconfAppGzip: 5 * 1024,
  signalwireAppClientGzip: 5 * 1024,
  /**
   * The whole rtc-token-apis/signalwire-app entry: that client plus the token
   * source for @signalwire/js and the device fingerprint. It reached 5.56 KB
   * (December 2026), then 5.92 KB with issue 21's storm-proof token source
   * (server-clock lifetimes from `Date`, minimum delay, backoff with jitter,
   * final stop: +0.36 KB), then 6.67 KB on the one call path, where the browser
   * clients retry too and the entry exports `retryPolicy` (about 0.6 KB;
   * tree-shaken from an app that does not import it); the budget is that plus
   * a little headroom, so a regression fails the bench.
   */
  signalwireAppGzip: 6.8 * 1024,
  /**
   * The fast vitest project in calibration units: its CPU time over that of
   * a fixed two-thread workload (bench/calibration.ts) timed just before and
   * after it in the same run; no budget on an absolute wall time, which says
   * how busy the machine was more than how big the suite is. CPU time, not
   * wall: on this loaded 2-core machine the wall ratio of one suite swung
   * 6.4–9.4×, the CPU ratio 8.8–9.7× (December 2026, bench/FINDINGS.md).
   * Measured 10.7× while the fast suite still spawned processes, 8.8–9.7×
   * once those tests moved to e2e.
   */
  vitestRatio: 10,
} as const;

export interface BudgetCheck {
  readonly name: string;
  readonly measured: string;
  readonly limit: string;
  readonly ok: boolean;
}

export function checkAtMost(name: string, value: number, limit: number, show: (n: number) => string): BudgetCheck {
  return { name, measured: show(value), limit: `<= ${show(limit)}`, ok: value <= limit };
}
