// Every budget the bench enforces, from issue 7, in one place.
export const BUDGETS = {
  /** Our client (defaults) per-call time over bare openapi-fetch, stubbed fetch. */
  stubbedRatio: 1.1,
  /** What we aim for on the stubbed target (reported, not enforced). */
  stubbedAim: 1.05,
  /** Our client (defaults) over bare openapi-fetch, loopback HTTP. */
  loopbackRatio: 1.02,
  /** Our client with request validation on, over bare openapi-fetch, stubbed fetch. */
  validatedStubbedRatio: 1.25,
  /**
   * Gzip bytes, openapi-fetch included (~2.6 KB of it). Set to what issue 11
   * reached (7.63 KB, December 2026) plus a little headroom, so a regression
   * fails the bench; issue 12 reworks the Node call path (src/core/call.ts,
   * retry.ts, transport.ts) that the SignalWire entry carries.
   */
  signalwireGzip: 7.75 * 1024,
  /**
   * The ProCONF app client alone, on the browser clients' lean path
   * (src/core/post-json.ts: plain fetch, no openapi-fetch, no retries). Issue
   * 11's target is 5.0 KB; it reached 4.75 KB (December 2026), so the budget is
   * that plus a little headroom: a regression fails the bench.
   */
  proconfAppGzip: 4.85 * 1024,
  /**
   * The whole rtc-token-apis/signalwire-app entry (client, token source,
   * fingerprint), on the same lean path. It was 3.77 KB before that path
   * gained what the ProCONF client already had (the provider under the
   * deadline, a streamed size cap, header checks, scrubbed status text and
   * request ids, validation, defaults()); it reached 5.56 KB (December 2026),
   * so the budget is that plus a little headroom.
   */
  signalwireAppGzip: 5.65 * 1024,
  /** The vitest step of `npm test`, in ms. */
  vitestMs: 15_000,
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
