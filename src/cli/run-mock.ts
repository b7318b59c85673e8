// Runs the mock as a foreground process: banner, one log line per request,
// a one-line error for a busy port, a clean exit on SIGINT/SIGTERM, and with
// --watch a reload whenever a file under openapi/ changes.
import { startMockServer, MockPortInUseError } from '../mock/server.js';
import { startupBanner } from '../mock/banner.js';
import { stdoutLines } from './stdout-lines.js';
import { failureLine } from './usage-error.js';
import { PROGRAM } from '../tools/package-json.js';

export interface RunMockOptions {
  port: number;
  host?: string;
  /** Host names served besides loopback names, IP addresses and `host` (`--allow-host`). */
  allowedHosts?: string[];
  quiet?: boolean;
  /** Reload the specs when a file under openapi/ changes. */
  watch?: boolean;
  /** `text` (default) or `json` request log lines. */
  logFormat?: 'text' | 'json';
  /** How this entry point lets a user choose a port, e.g. `--port <n>` or `PORT=<n> npm start`. */
  portHint: string;
}

/** Resolves to the process exit code once the server has stopped (or failed to start). */
export async function runMock(options: RunMockOptions): Promise<number> {
  // Listen for signals before anything is printed: a supervisor may signal as soon as it sees the banner.
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  const out = stdoutLines();
  let mock;
  try {
    mock = await startMockServer({
      port: options.port,
      host: options.host,
      allowedHosts: options.allowedHosts,
      logFormat: options.logFormat,
      log: options.quiet ? undefined : out,
    });
  } catch (error) {
    const message =
      error instanceof MockPortInUseError
        ? `port ${error.port} on ${error.host} is already in use; choose another with ${options.portHint} (0 picks a free port)`
        : ((error as Error)?.message ?? String(error));
    console.error(failureLine(`${PROGRAM} mock`, message));
    return 1;
  }
  out(startupBanner(mock));
  // At once: a supervisor may wait for the banner.
  out.flush();
  let watcher;
  if (options.watch) {
    try {
      const { watchSpecs, WATCH_FACTS_NOTE } = await import('../mock/watch.js');
      watcher = await watchSpecs(mock, { log: out });
      out(`${PROGRAM} mock: watching openapi/ for changes (${WATCH_FACTS_NOTE})`);
    } catch (error) {
      console.error(`${PROGRAM} mock: ${(error as Error).message}`);
      await mock.close();
      return 1;
    }
  }
  const signal = await stopped;
  watcher?.close();
  await mock.close();
  out(`${PROGRAM} mock: stopped on ${signal}`);
  out.flush();
  return 0;
}

/** A TCP port number, or undefined when `value` is not one. */
export function parsePort(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,5}$/.test(value)) return undefined;
  const port = Number(value);
  return port <= 65535 ? port : undefined;
}

/** The --log-format value, or undefined when it is not one. */
export function parseLogFormat(value: string | undefined): 'text' | 'json' | undefined {
  return value === undefined ? 'text' : value === 'text' || value === 'json' ? value : undefined;
}
