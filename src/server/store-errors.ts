// Typed failures of the server's stores (the token store, the rate limiter's):
// a store that is down (unreachable, timed out, answering nonsense). One base
// gives both the same shape; the message never holds a key or a token.

/** A store failed at one step: `operation` names the step, `kind` the store. */
export abstract class StoreFailure<Kind extends string> extends Error {
  readonly kind: Kind;
  constructor(
    what: { name: string; kind: Kind; store: string },
    readonly operation: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${what.store} ${operation}: ${detail}`, options);
    this.name = what.name;
    this.kind = what.kind;
  }
}

/** The token store failed (unreachable, timed out, answered nonsense). `operation` names the step. */
export class TokenStoreError extends StoreFailure<'store'> {
  constructor(operation: string, detail: string, options?: { cause?: unknown }) {
    super({ name: 'TokenStoreError', kind: 'store', store: 'token store' }, operation, detail, options);
  }
}
