// The request body both ProCONF endpoints take (schemas.yaml#/TokenRequest):
// exactly role, room and participantName, each a non-empty string.
import type { TokenRequest } from '../../generated/types/proconf-app.js';

export type { TokenRequest };

const FIELDS = ['role', 'room', 'participantName'] as const;

/** True for an object with exactly the three fields, each a non-empty string (no extra properties). */
export function isTokenRequest(value: unknown): value is TokenRequest {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return Object.keys(record).length === FIELDS.length
    && FIELDS.every((f) => Object.hasOwn(record, f) && typeof record[f] === 'string' && record[f] !== '');
}

/** Parses a request body; undefined when it is not JSON or not a valid TokenRequest. */
export function parseTokenRequest(text: string): TokenRequest | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  // Copy the three fields so nothing else the client sent can travel upstream.
  return isTokenRequest(value) ? { role: value.role, room: value.room, participantName: value.participantName } : undefined;
}

/** JSON media type (with optional parameters): also forces browsers into a CORS preflight. */
export function isJsonContentType(value: string | null): boolean {
  return value !== null && /^application\/json\s*(;|$)/i.test(value.trim());
}
