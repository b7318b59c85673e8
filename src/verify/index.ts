// `rtc-token-apis/verify`: checks any live server against one of the
// bundled specs (provider verification). See scripts/verify.ts for the CLI.
export { verifyApi, type VerifyOptions, type VerifyResult, type CheckResult } from './verify-api.js';
export { formatReport, formatCheck, formatSummary } from './report.js';
export { credentialsFromEnv, credentialsFromDocument, credentialVariables, type Env } from './credentials.js';
export { STATE_CHANGES, STATELESS_OPERATIONS, type MutationOptIn } from './state-changing.js';
export { apiNames } from './spec-document.js';
export type { Check } from './checks.js';
export { ConfigError } from '../core/errors.js';
export { MissingDependencyError } from '../tools/peers.js';
export { VERIFY_DEFAULTS } from './defaults.js';
