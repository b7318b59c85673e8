// Plain text for terminals and CI logs: one line per change, then a summary.
import { displayPointer, type Change } from './change.js';

export function formatText(changes: Change[], base: string): string {
  const lines = changes.map((c) => [c.breaking ? 'BREAKING' : 'ok      ', c.api, c.operation, displayPointer(c.pointer), c.reason].join('  '));
  const breaking = changes.filter((c) => c.breaking).length;
  lines.push(`${breaking} breaking, ${changes.length - breaking} non-breaking change(s) since ${base}`);
  return `${lines.join('\n')}\n`;
}
