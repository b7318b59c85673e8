// One in-process Prism mock serving every API at its real path on one port.
// In-process, so there is no child process to orphan.
import { getHttpOperationsFromSpec } from '@stoplight/prism-http';
import { createServer } from '@stoplight/prism-http-server';
import { createLogger } from '@stoplight/prism-core';
import { Writable } from 'node:stream';
import { loadBundledSpecs } from './specs.js';

export interface MockServerOptions {
  /** Port to listen on; 0 picks a free one. Default 4010. */
  port?: number;
  /** Interface to bind. Default 127.0.0.1. */
  host?: string;
  /** Where Prism's log lines go; default: discarded. */
  log?: (line: string) => void;
}

export interface MockServer {
  /** Base URL, e.g. http://127.0.0.1:4010: every API's real paths hang off it. */
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const host = options.host ?? '127.0.0.1';
  const operations = (await Promise.all(loadBundledSpecs().map((s) => getHttpOperationsFromSpec(s.document)))).flat();
  // Prism's logger must come from prism-core; drain it so the server never blocks on a full pipe.
  const sink = new Writable({
    write(chunk, _enc, done) {
      options.log?.(String(chunk).trimEnd());
      done();
    },
  });
  const logger = createLogger('mock', { level: options.log ? 'info' : 'warn' }, sink);
  const server = createServer(operations, {
    cors: true,
    components: { logger },
    config: {
      mock: { dynamic: false },
      checkSecurity: true,
      validateRequest: true,
      validateResponse: true,
      errors: false,
      upstreamProxy: undefined,
      isProxy: false,
    } as never,
  });
  const address = await server.listen(options.port ?? 4010, host);
  const port = Number(new URL(address).port);
  return { url: `http://${host}:${port}`, port, close: () => server.close() };
}
