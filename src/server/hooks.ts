// The application's hooks (authorize, policy, ...): how a hook says "this
// credential is bad" apart from "there is none", and HookError, which marks
// an exception thrown by one of them so the handler answers 500 and logs
// which hook failed.

export class HookError extends Error {
  constructor(
    readonly hook: string,
    cause: unknown,
  ) {
    super(`${hook} threw`, { cause });
  }
}

/**
 * Runs an application hook; anything it throws (or rejects with) becomes a
 * HookError naming it; `a` and `b` are its arguments (no closure per
 * request). A hook that answers at once is not wrapped in a
 * promise: every request runs several hooks, and each async wrapper is a
 * promise and its microtasks more (bench/FINDINGS.md).
 */
export function runHook<T, A = undefined, B = undefined>(hook: string, run: (a: A, b: B) => T | Promise<T>, a?: A, b?: B): T | Promise<T> {
  let result: T | Promise<T>;
  try {
    result = run(a as A, b as B);
  } catch (error) {
    throw new HookError(hook, error);
  }
  if (!isThenable(result)) return result;
  return Promise.resolve(result).catch((error: unknown) => {
    throw new HookError(hook, error);
  });
}

/** True for a promise (or any thenable): what a hook that waits answers. */
export function isThenable<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * What `authorize` returns for a credential that was sent but is not
 * accepted (expired session cookie, revoked token, ...): always a 401, also
 * on the guest endpoint, which serves requests without any credential.
 */
export const REJECTED: unique symbol = Symbol.for('rtc-token-apis.rejected-credential');

/** The caller; a falsy value when the request carries no credential; REJECTED when it carries a bad one. */
export type AuthorizeResult<Caller> = Caller | typeof REJECTED | false | null | undefined;

/** Identifies the caller from its own session or bearer credential (header, cookie, anything but the body). */
export type Authorize<Caller> = (request: Request) => AuthorizeResult<Caller> | Promise<AuthorizeResult<Caller>>;
