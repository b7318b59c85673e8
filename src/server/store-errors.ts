// Typed failures of token stores: a store that is down (unreachable, timed
// out, answering nonsense). The message never holds a key or a token.

/** The token store failed (unreachable, timed out, answered nonsense). `operation` names the step. */
export class TokenStoreError extends Error {
  readonly kind = 'store' as const;
  constructor(
    readonly operation: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`token store ${operation}: ${detail}`, options);
    this.name = 'TokenStoreError';
  }
}
