export { startMockServer, MockPortInUseError, type MockServer, type MockServerOptions, type MockEndpoint } from './server.js';
export { DEMO_CREDENTIALS } from './curl.js';
