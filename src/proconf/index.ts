export { createProconfAppClient, isProconfAppError, type ProconfAppClient, type ProconfAppClientOptions, type CredentialProvider } from './app-client.js';
export { createProconfAdminClient, isProconfAdminError, type ProconfAdminClient, type ProconfAdminClientOptions } from './admin-client.js';
export { createClientMiddleware, type ClientMiddlewareOptions } from '../core/transport.js';
export type { TokenRequest, TokenSuccess, ErrorEnvelope, paths as ProconfAppPaths } from '../../generated/types/proconf-app.js';
export * from '../core/public.js';
