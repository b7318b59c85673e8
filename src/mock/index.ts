export { startMockServer, MockPortInUseError, type MockServer, type MockServerOptions, type MockEndpoint } from './server.js';
export { startupBanner } from './banner.js';
export { scenarioTable } from './scenario-table.js';
export { DEMO_CREDENTIALS } from './curl.js';
