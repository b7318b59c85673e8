// `--base <git-ref> [--format text|markdown]`, also as `--base=<ref>`.
import { GateError } from './errors.ts';

export type Format = 'text' | 'markdown';

export interface GateOptions {
  base: string;
  format: Format;
}

export const USAGE = 'usage: npm run check:breaking -- --base <git-ref> [--format text|markdown]';

export function parseArgs(argv: string[]): GateOptions {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const match = /^--(base|format)(?:=(.*))?$/.exec(arg);
    if (!match) throw new GateError(`unknown argument ${arg}\n${USAGE}`);
    const value = match[2] ?? argv[++i];
    if (value === undefined || value === '') throw new GateError(`--${match[1]} needs a value\n${USAGE}`);
    values[match[1]!] = value;
  }
  if (!values.base) throw new GateError(`--base is required\n${USAGE}`);
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'markdown') throw new GateError(`--format must be text or markdown, not ${format}`);
  return { base: values.base, format };
}
