// The one check every upstream answer passes before anything of it leaves
// the server or is stored: the body has the documented shape (the generated
// validator of the upstream operation's success response), every token in
// it is a compact JWS or JWE string, and for ProCONF the token's payload
// grants what the policy decided. Anything else is the documented 500.
import type { TokenRequest } from './token-request.js';

/** A compact JWS (3 segments) or JWE (5 segments, the encrypted key may be empty). */
const COMPACT = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]*){2}(?:(?:\.[A-Za-z0-9_-]*){2})?$/;
/** A JWS whose payload can be read. */
const JWS = /^[A-Za-z0-9_-]+\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]*$/;

/** Why an upstream answer is not a grant of the documented shape, or undefined when it is. */
export function upstreamAnswerProblem(body: unknown, documented: (body: unknown) => boolean, tokenFields: readonly string[]): string | undefined {
  if (!documented(body)) return 'the upstream answer does not have the documented shape';
  for (const field of tokenFields) {
    const value = (body as Record<string, unknown>)[field];
    if (typeof value !== 'string' || !COMPACT.test(value)) return `the upstream ${field} is not a compact JWS/JWE string`;
  }
  return undefined;
}

function decodePayload(segment: string): Record<string, unknown> | undefined {
  try {
    const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Why a ProCONF token does not grant `sent`, or undefined when it does. Its
 * signature cannot be checked here (only the admin backend holds the
 * secret), but its payload can. The room is compared as the backend
 * normalises it: its sample token carries `testroom` for a request for
 * `testRoom`. The role is the Jitsi-style `context.user.role`.
 */
export function tokenMismatch(token: string, sent: TokenRequest, nowSeconds: number = Date.now() / 1000): string | undefined {
  const match = JWS.exec(token);
  if (!match) return 'the admin backend answered with a value that is not a JWT';
  const payload = decodePayload(match[1]!);
  if (!payload) return 'the token payload is not a JSON object';
  const user = (payload.context as { user?: { role?: unknown } } | undefined)?.user;
  if (user?.role !== sent.role) return 'the token grants a different role than the one sent';
  if (typeof payload.room !== 'string' || payload.room.toLowerCase() !== sent.room.toLowerCase()) return 'the token is for a different room than the one sent';
  if (payload.participantName !== sent.participantName) return 'the token names a different participant than the one sent';
  if (typeof payload.exp !== 'number' || payload.exp <= nowSeconds) return 'the token is already expired (or has no exp claim)';
  return undefined;
}
