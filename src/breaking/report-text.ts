// Plain text for terminals and CI logs: one line per change, then a summary.
// Warnings from lenient reading go to stderr (the CLI prints them).
import { displayPlace, type Change } from './change.js';

const LABEL = { breaking: 'BREAKING', warning: 'WARNING ', info: 'ok      ' } as const;

export function formatText(changes: Change[], base: string): string {
  const lines = changes.map((c) => [LABEL[c.level], c.api, c.operation, displayPlace(c), c.reason].join('  '));
  const breaking = changes.filter((c) => c.breaking).length;
  const warning = changes.filter((c) => c.level === 'warning').length;
  lines.push(`${breaking} breaking, ${warning ? `${warning} warning(s), ` : ''}${changes.length - breaking - warning} non-breaking change(s) since ${base}`);
  return `${lines.join('\n')}\n`;
}
