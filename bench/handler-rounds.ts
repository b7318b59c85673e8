// The paired-round loop of the token-handler benches (bench:signalwire-app,
// bench:rate-limit), in one place so both measure alike: every contender
// serves the same guest token request, a few requests per contender per
// round, the order rotated each round; a ratio is the median of the per-round
// ratios, reported with their interquartile range.
import { allowGuestAddresses, bearerToken, createSignalWireTokenHandlers, type SignalWireTokenHandlersOptions } from '../src/server/index.ts';
import { API_TOKEN, GUEST_BODY, PROJECT_ID } from './fixtures.ts';
import { median, pairedRatioRange, roundOrder, type RatioRange } from './stats.ts';

export type Handler = (request: Request) => Promise<Response>;

/** The app's guest endpoint path, the one address every contender grants, and the session that authorizes. */
export const APP_GUEST_PATH = '/signalwire/tokens/guest';
export const ADDRESS = GUEST_BODY.allowed_addresses[0]!;
export const SESSION = 'bench-session-1';
const USERS: Record<string, { id: string }> = { [SESSION]: { id: 'u1' } };

/** The package's guest handler against `upstream`; `extra` adds options (a rate limit, say). */
export function guestHandler(upstream: string, extra: Partial<SignalWireTokenHandlersOptions<{ id: string }>> = {}): Handler {
  return createSignalWireTokenHandlers<{ id: string }>({
    signalwire: { projectId: PROJECT_ID, apiToken: API_TOKEN, baseUrl: upstream },
    authorize: (request) => USERS[bearerToken(request) ?? ''],
    subscriber: (user) => ({ reference: user.id }),
    guestPolicy: allowGuestAddresses([ADDRESS]),
    // The log entry is built as in production; only the write is dropped.
    logger: () => {},
    ...extra,
  });
}

const guestRequest = () =>
  new Request(`http://app.bench.test${APP_GUEST_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${SESSION}` },
    body: JSON.stringify(GUEST_BODY),
  });

export interface Timed {
  readonly name: string;
  /** µs per request, one figure per round. */
  readonly micros: number[];
  /**
   * This process's CPU µs per request (all its threads, GC included), one
   * figure per round: beside the wall time it shows whether a gap is work or
   * waiting (the upstream stand-in's own work is in its own process).
   */
  readonly cpuMicros: number[];
}

async function timeCalls(handler: Handler, calls: number): Promise<{ wall: number; cpu: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < calls; i++) {
    const response = await handler(guestRequest());
    // A broken contender must not look fast.
    if (response.status !== 200) throw new Error(`bench handler answered ${response.status}: ${await response.text()}`);
    await response.text();
  }
  const wall = ((performance.now() - started) / calls) * 1000;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / calls };
}

/** Two warm-up passes, then `rounds` rounds of `calls` requests per contender in rotating order. */
export async function pairedRounds(contenders: readonly { name: string; handler: Handler }[], rounds: number, calls = 5): Promise<Timed[]> {
  const timed = contenders.map((c) => ({ ...c, micros: [] as number[], cpuMicros: [] as number[] }));
  for (let pass = 0; pass < 2; pass++) for (const c of timed) await timeCalls(c.handler, calls);
  for (let round = 0; round < rounds; round++) {
    for (const c of roundOrder(timed, round)) {
      const { wall, cpu } = await timeCalls(c.handler, calls);
      c.micros.push(wall);
      c.cpuMicros.push(cpu);
    }
  }
  return timed.map(({ name, micros, cpuMicros }) => ({ name, micros, cpuMicros }));
}

/**
 * `a` over `b`: the median per-round ratio, its p25–p75, and the µs `a` adds
 * per request (median of per-round differences), in wall time and in CPU time.
 */
export function compare(a: Timed, b: Timed): RatioRange & { addedUs: number; addedCpuUs: number } {
  return {
    ...pairedRatioRange(a.micros, b.micros),
    addedUs: median(a.micros.map((m, i) => m - b.micros[i]!)),
    addedCpuUs: median(a.cpuMicros.map((m, i) => m - b.cpuMicros[i]!)),
  };
}

/** `1.093× (IQR 1.04–1.15)`: a ratio as every handler bench prints it. */
export const showRatio = (r: RatioRange) => `${r.ratio.toFixed(3)}× (IQR ${r.p25.toFixed(2)}–${r.p75.toFixed(2)})`;

/** The line under each handler bench's table. */
export const roundsNote = (rounds: number, calls = 5) =>
  `${rounds} rounds x ${calls} requests per contender, alternating order; ratio = median of per-round ratios (IQR: their p25–p75).`;
