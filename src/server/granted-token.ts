// The token passed on must grant what the policy decided. Its signature
// cannot be checked here (only the admin backend holds the secret), but its
// payload can: role, room and participant name as sent, and not expired.
import type { TokenRequest } from './token-request.js';

/** Only a JWT-shaped string is passed on: never an upstream object (the sample code's bug). */
const JWT = /^[A-Za-z0-9_-]+\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]*$/;

export function isJwtString(value: unknown): boolean {
  return typeof value === 'string' && JWT.test(value);
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
 * Why `token` does not grant `sent`, or undefined when it does. The room is
 * compared as the backend normalises it: its sample token carries `testroom`
 * for a request for `testRoom`. The role is the Jitsi-style `context.user.role`.
 */
export function tokenMismatch(token: unknown, sent: TokenRequest, nowSeconds: number = Date.now() / 1000): string | undefined {
  if (typeof token !== 'string') return 'the admin backend answered without a token string';
  const match = JWT.exec(token);
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
