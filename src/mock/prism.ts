// The in-process Prism instance, configured like `prism mock` (static
// examples, security and request checks on) but with its own logging silenced:
// the mock writes one line per request itself.
import { createInstance, type IHttpConfig, type IHttpRequest, type IHttpResponse } from '@stoplight/prism-http';
import type { IPrismDiagnostic } from '@stoplight/prism-core';
import type { IHttpOperation } from '@stoplight/types';
import type { Scenario } from './scenario.js';

const baseConfig = {
  mock: { dynamic: false },
  checkSecurity: true,
  validateRequest: true,
  validateResponse: true,
  errors: false,
  upstreamProxy: undefined,
  isProxy: false,
} as const satisfies IHttpConfig;

type Logger = NonNullable<Parameters<typeof createInstance>[1]['logger']>;

// Prism logs through pino (with prism-core's extra `success` level) and makes
// a child logger on every request; a silent pino still pays for those
// children, so Prism gets a logger that is nothing at all.
const noop = () => {};
const silent = { trace: noop, debug: noop, info: noop, success: noop, warn: noop, error: noop, fatal: noop, child: () => silent };

type Route = NonNullable<Parameters<typeof createInstance>[1]['route']>;

/**
 * The mock's own router (router.ts) has already chosen the one operation
 * Prism is handed, on a path that Prism's router matches too (its template
 * segments accept any value, ours any non-empty one): re-matching it on
 * every request would only repeat that work.
 */
const routed: Route = ({ resources }) => ({ _tag: 'Right', right: resources[0]! });

export function createPrism() {
  return createInstance(baseConfig, { logger: silent as unknown as Logger, route: routed });
}

export type Prism = ReturnType<typeof createPrism>;

/** fp-ts's Either, spelled out so the emitted declarations need no fp-ts import. */
type Either<L, R> = { _tag: 'Left'; left: L } | { _tag: 'Right'; right: R };

export interface PrismResult {
  output: IHttpResponse;
  validations: { input: IPrismDiagnostic[]; output: IPrismDiagnostic[] };
}

type CallConfig = typeof baseConfig & { mock: { dynamic: false; code?: number; exampleKey?: string } };

/**
 * Call configurations by scenario, built once each: only documented
 * scenarios reach Prism, so there are as many as the specs hold.
 */
const configs = new Map<string, CallConfig>();

function configFor({ code, example }: Scenario): CallConfig {
  const key = `${code ?? ''} ${example ?? ''}`;
  let config = configs.get(key);
  if (!config) configs.set(key, (config = { ...baseConfig, mock: { dynamic: false, code, exampleKey: example } }));
  return config;
}

/** Runs validation and mocking for one already-routed operation. */
export function mockRequest(prism: Prism, operation: IHttpOperation, input: IHttpRequest, scenario: Scenario): Promise<Either<Error, PrismResult>> {
  return prism.request(input, [operation], configFor(scenario))();
}
