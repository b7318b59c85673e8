// Canary credentials through every failure mode: none may appear in an error's
// message, stack, cause chain, JSON or inspection, nor in anything the
// process writes to stdout or stderr.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
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

  it('no canary in anything the process writes to stdout or stderr while logging every error', async () => {
    const script = join(import.meta.dirname, 'support', 'canary-script.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: join(import.meta.dirname, '..', '..'), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d;
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d;
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(out).toMatch(/scenarios: \d+/);
    // The output is full of errors (so the check is not vacuous) but free of secrets.
    expect(out).toContain('HttpError');
    expect(out).toContain('[REDACTED]');
    expect(leaks(out)).toEqual([]);
  });
});
