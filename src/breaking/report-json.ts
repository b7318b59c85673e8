// Machine-readable output for CI bots: the verdict, counts, every change
// (with its rule id and level) and what lenient reading skipped.
import type { Change } from './change.js';

export function formatJson(changes: Change[], base: string, warnings: string[] = []): string {
  const breaking = changes.filter((c) => c.breaking).length;
  const warning = changes.filter((c) => c.level === 'warning').length;
  return `${JSON.stringify({ base, breaking: breaking > 0, counts: { breaking, warning, nonBreaking: changes.length - breaking }, changes, warnings }, null, 2)}\n`;
}
