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

/** Parses a request body; undefined when it is not JSON or not a valid TokenRequest. */
export function parseTokenRequest(text: string): TokenRequest | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  // Copy the fields so nothing else the client sent can travel upstream.
  return isTokenRequest(value) ? { role: value.role, room: value.room, participantName: value.participantName } : undefined;
}
