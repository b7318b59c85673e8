// The mock's entry: loading it needs none of the optional peers; starting the
// mock checks them (and registers lazy-modules.ts before Prism loads).
export { startMockServer, MockPortInUseError, type MockServer, type MockServerOptions, type MockEndpoint } from './server.js';
export { DEMO_CREDENTIALS } from './curl.js';
export { DEMO_PROCONF_SECRET } from './tokens.js';
export { MockControlError, type MockControls, type ForcedResponse, type RecordedRequest } from './controls.js';
export { connectMock, MOCK_URL_ENV, type RemoteMock } from './remote.js';
export { mockGlobalSetup, MOCK_URL_KEY } from './global-setup.js';
export { MissingDependencyError } from '../tools/peers.js';
export { MOCK_DEFAULTS } from './defaults.js';
