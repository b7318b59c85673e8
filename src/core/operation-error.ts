// One guard for every service, keyed on the generated operation ids: narrows
// an unknown error to the documented HttpErrors of that operation.
import type { operations as VideoOps } from '../../generated/types/signalwire-video.js';
import type { operations as FabricOps } from '../../generated/types/signalwire-fabric.js';
import type { operations as AppOps } from '../../generated/types/proconf-app.js';
import type { operations as AdminOps } from '../../generated/types/proconf-admin.js';
import { operationErrorGuard } from './client.js';

/** Every operation of every spec, by its generated operationId. */
export type AllOperations = VideoOps & FabricOps & AppOps & AdminOps;

/** `if (isOperationError(e, 'create_subscriber_guest_token') && e.status === 422) e.body.errors …` */
export const isOperationError = operationErrorGuard<AllOperations>();
