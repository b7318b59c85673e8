// The one way every command reports bad usage: one line naming the problem,
// then the usage, on stderr; exit code 2.
export function usageError(command: string, message: string, usage: string): number {
  console.error(`${command}: ${message}\n${usage}`);
  return 2;
}
