import { requirePeers } from '../core/peers.js';
export { startMockServer, MockPortInUseError, type MockServer, type MockServerOptions, type MockEndpoint } from './server.js';
export { startupBanner } from './banner.js';
export { DEMO_CREDENTIALS } from './curl.js';
export { MissingDependencyError } from '../core/peers.js';

/** The scenario table (Markdown). Loads Prism on first use, after checking it is installed. */
export async function scenarioTable(): Promise<string> {
  requirePeers('mock');
  return (await import('./scenario-table.js')).scenarioTable();
}
