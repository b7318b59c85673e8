// The one way every command reports bad usage: one line naming the problem,
// then the usage, on stderr; exit code 2. And the one line of a failure.
export function usageError(command: string, message: string, usage: string): number {
  console.error(`${command}: ${message}\n${usage}`);
  return 2;
}

/** The one line a failed command prints: `<command>: <message>`, the name said once when the message already opens with it (a MissingDependencyError does). */
export function failureLine(command: string, message: string): string {
  return message.startsWith(`${command} `) ? message : `${command}: ${message}`;
}
