// Canary credentials through every failure mode: none may appear in an error's
// message, stack, cause chain, JSON or inspection (and, in
// canary-secrets.e2e.test.ts, in anything a process writes to stdout or stderr).
import { beforeAll, describe, expect, it } from 'vitest';
import { inspect } from 'node:util';
import { RtcApiError, ConfigError } from '../../src/signalwire/index.ts';
import { FORBIDDEN, runCanaryScenarios, type Scenario } from './support/canary-scenarios.ts';

/** Every string a logger or debugger could show for an error, cause chain included. */
function renderings(error: unknown): string[] {
  const out: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 8; depth++) {
    const e = current as Error;
    out.push(String(e), e.message ?? '', e.stack ?? '', JSON.stringify(e) ?? '', inspect(e, { depth: Infinity, showHidden: true }));
    current = e.cause;
  }
  return out;
}

function leaks(text: string): string[] {
  return FORBIDDEN.filter((s) => text.includes(s));
}

describe('secrets never leak', () => {
  let scenarios: Scenario[] = [];
  // Run once for the whole block, so each test stands on its own.
  beforeAll(async () => {
    scenarios = await runCanaryScenarios();
  });

  it('no canary in any error message, stack, cause, JSON or util.inspect', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(28);
    for (const { name, error } of scenarios) {
      // Each mode really failed, with a typed error.
      expect(error instanceof RtcApiError || error instanceof ConfigError, `${name}: ${String(error)}`).toBe(true);
      // 418 is the hostile server's answer to a request that should never have been sent.
      expect((error as { status?: number }).status, name).not.toBe(418);
      expect(leaks(renderings(error).join('\n')), name).toEqual([]);
    }
  });

  it('the echoed canaries were really there to leak (the hostile server echoes them)', () => {
    const echoed = scenarios.find((s) => s.name === 'signalwire echo-401-json')!.error as { body: Record<string, unknown> };
    expect(JSON.stringify(echoed.body)).toContain('[REDACTED]');
    const kinds = new Set(scenarios.map((s) => (s.error as RtcApiError).kind));
    expect([...kinds].sort()).toEqual(['aborted', 'config', 'http', 'network', 'request-validation', 'response-body', 'timeout']);
  });
});
