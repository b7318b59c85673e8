// Which role and room a caller may receive. The admin backend trusts whatever
// role it is sent, so this decision is the application server's alone.
import type { TokenRequest } from './token-request.js';

export type PolicyDecision = TokenRequest | false | null | undefined;

/**
 * Decides what the caller gets: return the request (possibly rewritten, e.g.
 * the participantName from your user record), or a falsy value to refuse (401).
 */
export type TokenPolicy<Caller> = (requested: TokenRequest, context: { caller: Caller; request: Request }) => PolicyDecision | Promise<PolicyDecision>;

/** A policy that grants the requested role only when it is one of `roles` (exact match). */
export function allowRoles<Caller = unknown>(roles: readonly string[]): TokenPolicy<Caller> {
  const allowed = new Set(roles);
  return (requested) => (allowed.has(requested.role) ? requested : false);
}

/** Roles the default policy grants: never `owner` or any other privileged role. */
export const DEFAULT_ALLOWED_ROLES: readonly string[] = Object.freeze(['member']);

/** The policy used when none is given: `member` only; any other role is refused. */
export const defaultPolicy: TokenPolicy<unknown> = allowRoles(DEFAULT_ALLOWED_ROLES);
