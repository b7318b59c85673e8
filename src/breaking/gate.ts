// The whole gate as a function: load both sides, diff, format. The CLI only
// adds argv parsing, printing and the exit code.
import type { Change } from './change.js';
import { diffApiSets } from './diff.js';
import { loadAtRef, loadPaths } from './inputs.js';
import { formatJson } from './report-json.js';
import { formatMarkdown } from './report-markdown.js';
import { formatText } from './report-text.js';

export type Format = 'text' | 'markdown' | 'json';

export type GateInput = { mode: 'paths'; base: string; head: string } | { mode: 'ref'; ref: string; path: string };

export interface GateResult {
  changes: Change[];
  output: string;
  breaking: boolean;
}

const FORMATTERS = { text: formatText, markdown: formatMarkdown, json: formatJson } as const;

export function runGate(input: GateInput, format: Format, cwd: string): GateResult {
  const [base, head] = input.mode === 'paths' ? loadPaths(input.base, input.head, cwd) : loadAtRef(input.ref, input.path, cwd);
  const changes = diffApiSets(base, head);
  const since = input.mode === 'paths' ? input.base : input.ref;
  return { changes, output: FORMATTERS[format](changes, since), breaking: changes.some((c) => c.breaking) };
}
