// Which operations verification may call without an explicit opt-in. Every
// POST here mints or resets a credential; those that change stored state (or
// consume one) are off by default. Unknown operations count as state-changing.

/** Operations that store nothing: calling them against a live server is harmless. */
export const STATELESS_OPERATIONS: Readonly<Record<string, string>> = Object.freeze({
  get_proconf_token: 'mints a stateless HS256 JWT; nothing is stored',
  create_proconf_token: 'mints a stateless HS256 JWT; nothing is stored',
});

/** Why each known state-changing operation needs an opt-in. */
export const STATE_CHANGES: Readonly<Record<string, string>> = Object.freeze({
  reset_conference_token: 'replaces the conference token string; the old one stops working',
  create_subscriber_token: 'creates or updates a subscriber (profile, password)',
  refresh_subscriber_token: 'consumes the single-use refresh token',
  create_subscriber_guest_token: 'issues a new guest credential in the project',
});

/** Why calling this operation changes state, or undefined when it does not. */
export function stateChange(operationId: string, method: string): string | undefined {
  if (STATELESS_OPERATIONS[operationId] || method === 'GET' || method === 'HEAD') return undefined;
  return STATE_CHANGES[operationId] ?? `${method} operation not known to be stateless`;
}

/** `true` allows every operation; a list allows those operationIds. */
export type MutationOptIn = boolean | readonly string[];

export function mutationAllowed(optIn: MutationOptIn | undefined, operationId: string): boolean {
  return optIn === true || (Array.isArray(optIn) && optIn.includes(operationId));
}
