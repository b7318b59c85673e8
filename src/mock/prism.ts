// The in-process Prism instance, configured like `prism mock` (static
// examples, security and request checks on) but with its own logging silenced:
// the mock writes one line per request itself.
import { createLogger } from '@stoplight/prism-core';
import { createInstance, type IHttpConfig, type IHttpRequest, type IHttpResponse } from '@stoplight/prism-http';
import type { IPrismDiagnostic } from '@stoplight/prism-core';
import type { IHttpOperation } from '@stoplight/types';
import { Writable } from 'node:stream';
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

export function createPrism() {
  // Prism needs a prism-core logger (a plain pino one crashes); this one writes nowhere.
  const logger = createLogger('mock', { level: 'silent' }, new Writable({ write: (_c, _e, done) => done() }));
  return createInstance(baseConfig, { logger });
}

export type Prism = ReturnType<typeof createPrism>;

/** fp-ts's Either, spelled out so the emitted declarations need no fp-ts import. */
type Either<L, R> = { _tag: 'Left'; left: L } | { _tag: 'Right'; right: R };

export interface PrismResult {
  output: IHttpResponse;
  validations: { input: IPrismDiagnostic[]; output: IPrismDiagnostic[] };
}

/** Runs validation and mocking for one already-routed operation. */
export function mockRequest(prism: Prism, operation: IHttpOperation, input: IHttpRequest, scenario: Scenario): Promise<Either<Error, PrismResult>> {
  return prism.request(input, [operation], {
    ...baseConfig,
    mock: { dynamic: false, code: scenario.code, exampleKey: scenario.example },
  })();
}
