// Marks an exception thrown by one of the application's hooks (authorize,
// policy, ...), so a handler can answer 500 and log which hook failed.

export class HookError extends Error {
  constructor(
    readonly hook: string,
    cause: unknown,
  ) {
    super(`${hook} threw`, { cause });
  }
}

/** Runs an application hook; anything it throws becomes a HookError naming it. */
export async function runHook<T>(hook: string, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new HookError(hook, error);
  }
}

/** Returns who is calling, or a falsy value when the request is not authenticated (401). */
export type Authorize<Caller> = (request: Request) => Caller | false | null | undefined | Promise<Caller | false | null | undefined>;
