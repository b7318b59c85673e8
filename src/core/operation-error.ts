// One guard for every service, keyed on the generated operation ids: narrows
// an unknown error to the documented HttpErrors of that operation.
import type { operations as VideoOps } from '../../generated/types/signalwire-video.js';
import type { operations as FabricOps } from '../../generated/types/signalwire-fabric.js';
import type { operations as AppOps } from '../../generated/types/proconf-app.js';
import type { operations as AdminOps } from '../../generated/types/proconf-admin.js';
import type { operations as SwAppOps } from '../../generated/types/signalwire-app.js';
import { HttpError } from './errors.js';
import type { DocumentedHttpError } from './types.js';

/**
 * Builds a type guard for one service's operations: narrows an unknown error
 * to the documented HttpErrors of one operation, each with its typed body.
 */
export function operationErrorGuard<Ops>() {
  return <Id extends keyof Ops & string>(error: unknown, operationId: Id): error is DocumentedHttpError<Ops[Id]> & HttpError =>
    error instanceof HttpError && error.operationId === operationId && error.documented;
}

/** Every operation of every spec, by its generated operationId. */
export type AllOperations = VideoOps & FabricOps & AppOps & AdminOps & SwAppOps;

/** `if (isOperationError(e, 'create_subscriber_guest_token') && e.status === 422) e.body.errors …` */
export const isOperationError = /* @__PURE__ */ operationErrorGuard<AllOperations>();
