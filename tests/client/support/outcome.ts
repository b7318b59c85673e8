// A call's end, whichever way it ends: the client tests assert on the error
// (or value) and on how long it took to arrive.
export async function outcome<T>(promise: Promise<T>): Promise<{ error: unknown; value?: T; ms: number }> {
  const started = performance.now();
  try {
    const value = await promise;
    return { error: undefined, value, ms: performance.now() - started };
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
}
