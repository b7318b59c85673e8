export { startMockServer, type MockServer, type MockServerOptions } from './server.js';
