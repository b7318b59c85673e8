// Which operations verification may call without an explicit opt-in. The
// spec says it: each operation's `x-state-changing` is false (nothing is
// stored) or why a call changes state. Operations whose spec is silent count
// as state-changing, unless they are GET or HEAD.
import { operationFacts } from '../../generated/operation-facts.js';

const facts = Object.entries(operationFacts as Record<string, { stateChanging: string | false }>);

/** Operations that store nothing, with why (from the bundled specs). */
export const STATELESS_OPERATIONS: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(facts.filter(([, f]) => f.stateChanging === false).map(([id]) => [id, 'x-state-changing: false in its spec; nothing is stored'])),
);

/** Why each state-changing operation needs an opt-in (its spec's `x-state-changing`). */
export const STATE_CHANGES: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(facts.flatMap(([id, f]) => (f.stateChanging === false ? [] : [[id, f.stateChanging]]))),
);

/** Why calling this operation changes state, or undefined when it does not. */
export function stateChange(op: { method: string; stateChanging?: string | false }): string | undefined {
  if (op.stateChanging === false || op.method === 'GET' || op.method === 'HEAD') return undefined;
  return op.stateChanging ?? `${op.method} operation not known to be stateless`;
}

/** `true` allows every operation; a list allows those operationIds. */
export type MutationOptIn = boolean | readonly string[];

export function mutationAllowed(optIn: MutationOptIn | undefined, operationId: string): boolean {
  return optIn === true || (Array.isArray(optIn) && optIn.includes(operationId));
}
