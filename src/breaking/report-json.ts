// Machine-readable output for CI bots: the verdict, counts and every change.
import type { Change } from './change.js';

export function formatJson(changes: Change[], base: string): string {
  const breaking = changes.filter((c) => c.breaking).length;
  return `${JSON.stringify({ base, breaking: breaking > 0, counts: { breaking, nonBreaking: changes.length - breaking }, changes }, null, 2)}\n`;
}
