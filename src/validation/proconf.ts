// Validators for the ProCONF application-server and admin operations.
import { validators as app } from '../../generated/validators/proconf-app.js';
import { validators as admin } from '../../generated/validators/proconf-admin.js';
import type { Validation } from '../core/validation-hook.js';
import { createValidation, type ValidationOptions } from './create.js';

const table = { ...app, ...admin };

/** `createProconfAppClient({ ..., validation: proconfValidation() })` (also for the admin client). */
export function proconfValidation(options?: ValidationOptions): Validation {
  return createValidation(table, options);
}
