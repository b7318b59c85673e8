// Validators for the app server's SignalWire token operations
// (signalwire-app.yaml), for server code and tests that check requests or
// responses against that spec. The browser client stays lean and has none.
import { validators } from '../../generated/validators/signalwire-app.js';
import type { Validation } from '../core/validation-hook.js';
import { createValidation, type ValidationOptions } from './create.js';

export function signalWireAppValidation(options?: ValidationOptions): Validation {
  return createValidation(validators, options);
}
