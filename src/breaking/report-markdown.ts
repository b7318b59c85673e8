// A changelog for a pull-request description: breaking changes first.
import { displayPlace, type Change } from './change.js';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function table(changes: Change[]): string {
  const rows = changes.map(
    (c) => `| ${cell(c.api)} | ${cell(c.operation === '*' ? 'all operations' : `\`${c.operation}\``)} | \`${cell(displayPlace(c))}\` | ${cell(c.reason)} |`,
  );
  return ['| API | Operation | Pointer | Change |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

export function formatMarkdown(changes: Change[], base: string): string {
  const breaking = changes.filter((c) => c.level === 'breaking');
  const warnings = changes.filter((c) => c.level === 'warning');
  const other = changes.filter((c) => c.level === 'info');
  const sections = [`## API changes since \`${base}\``];
  if (!changes.length) sections.push('No contract changes.');
  if (breaking.length) sections.push(`### ⚠️ Breaking changes (${breaking.length})`, table(breaking));
  if (warnings.length) sections.push(`### Warnings (${warnings.length})`, table(warnings));
  if (other.length) sections.push(`### Other changes (${other.length})`, table(other));
  return `${sections.join('\n\n')}\n`;
}
