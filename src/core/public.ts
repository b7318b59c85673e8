// What every entry point re-exports: the error classes and shared types.
export {
  RtcApiError,
  HttpError,
  NetworkError,
  TimeoutError,
  AbortError,
  ResponseBodyError,
  ProviderError,
  RequestValidationError,
  ConfigError,
  type ErrorKind,
  type ValidationIssue,
} from './errors.js';
export type { CallOptions } from './call.js';
export type { HeaderProvider } from './provider.js';
export type { ClientOptions } from './client.js';
export { isOperationError } from './operation-error.js';
export type { BoundOperation, BoundOperationWith } from './bind.js';
export { retryPolicy, type RetryPolicy, type RetryOptions, type RetryInfo } from './retry.js';
export type { Validation } from './validation-hook.js';
export type { SuccessBody, DocumentedHttpError } from './types.js';
export { DEFAULTS } from './defaults.js';
