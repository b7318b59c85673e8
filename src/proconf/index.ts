export { createProconfAppClient, isProconfAppError, type ProconfAppClient, type ProconfAppClientOptions, type CredentialProvider } from './app-client.js';
export { createProconfAdminClient, isProconfAdminError, type ProconfAdminClient, type ProconfAdminClientOptions } from './admin-client.js';
export type { AppCallOptions } from '../core/post-json.js';
export type { TokenRequest, TokenSuccess, ErrorEnvelope, paths as ProconfAppPaths } from '../../generated/types/proconf-app.js';
export * from '../core/public.js';
