// Typed failures of token stores: a store that is down, and an optional peer
// package that is not installed. Neither message holds a key or a token.

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

/** An optional peer dependency is needed for this feature but is not installed. */
export class MissingPeerDependencyError extends Error {
  readonly kind = 'missing-peer' as const;
  constructor(
    readonly packageName: string,
    readonly feature: string,
  ) {
    super(`${feature} needs the optional package "${packageName}": install it with \`npm install ${packageName}\``);
    this.name = 'MissingPeerDependencyError';
  }
}
