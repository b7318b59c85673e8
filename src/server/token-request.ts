// The request body both ProCONF endpoints take (schemas.yaml#/TokenRequest),
// checked by the validator generated from the spec: no hand-written copy of
// its rules.
import type { TokenRequest } from '../../generated/types/proconf-app.js';
import { validators } from '../../generated/validators/proconf-app.js';

export type { TokenRequest };

const check = validators.get_proconf_token!.request;

/** True when the spec's TokenRequest schema accepts the value. */
export function isTokenRequest(value: unknown): value is TokenRequest {
  return check({ body: value });
}
