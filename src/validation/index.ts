// `rtc-token-apis/validation`: precompiled validators from the specs, opt-in
// and separately imported, so clients that do not use them do not bundle them.
export { signalWireValidation } from './signalwire.js';
export { proconfValidation } from './proconf.js';
export { signalWireAppValidation } from './signalwire-app.js';
export type { ValidationOptions } from './create.js';
export type { Validation, RequestInput } from '../core/validation-hook.js';
export { RequestValidationError, ResponseBodyError, type ValidationIssue } from '../core/errors.js';
