// The credentials/headers provider, run the one way every client runs it:
// under the call's deadline (a provider that never settles must not hang the
// call, and the caller's abort is honoured while it runs), with its failure
// typed and its own message withheld.
import type { Deadline } from './deadline.js';
import { ProviderError } from './errors.js';

/** Headers computed per call (auth as an async header provider). */
export type HeaderProvider = () => Record<string, string> | undefined | Promise<Record<string, string> | undefined>;

/**
 * A provider's own error may quote a credential we do not know (a refresh
 * token, a password): keep its class name, never its message.
 */
function withheldProviderError(error: unknown): Error {
  return new Error(`the provider threw ${error instanceof Error ? error.name : typeof error}; its message is withheld because it may hold a credential`);
}

/**
 * Runs the provider until the deadline passes or the caller aborts (its time
 * counts against the same timeoutMs as the request it authenticates).
 */
export async function provideHeaders(provider: HeaderProvider, operationId: string, deadline: Deadline): Promise<Record<string, string> | undefined> {
  try {
    return await deadline.race(provider);
  } catch (error) {
    throw deadline.ended(operationId) ?? new ProviderError(operationId, withheldProviderError(error));
  }
}
