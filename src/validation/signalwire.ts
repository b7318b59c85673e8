// Validators for the SignalWire Video and Fabric operations.
import { validators as video } from '../../generated/validators/signalwire-video.js';
import { validators as fabric } from '../../generated/validators/signalwire-fabric.js';
import type { Validation } from '../core/validation-hook.js';
import { createValidation, type ValidationOptions } from './create.js';

const table = { ...video, ...fabric };

/** `createSignalWireClient({ ..., validation: signalWireValidation({ response: true }) })`. */
export function signalWireValidation(options?: ValidationOptions): Validation {
  return createValidation(table, options);
}
