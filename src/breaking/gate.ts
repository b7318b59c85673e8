// The whole gate as a function: load both sides, diff under the policy,
// format. The CLI only adds argv parsing, printing and the exit code.
import type { Change } from './change.js';
import { diffApiSets } from './diff.js';
import { DEFAULT_READ_OPTIONS, loadAtRef, loadPaths, type ReadOptions } from './inputs.js';
import type { Policy } from './policy.js';
import { formatJson } from './report-json.js';
import { formatMarkdown } from './report-markdown.js';
import { formatText } from './report-text.js';

export type Format = 'text' | 'markdown' | 'json';

export type GateInput = { mode: 'paths'; base: string; head: string } | { mode: 'ref'; ref: string; path: string };

export interface GateOptions extends Omit<ReadOptions, 'warn'> {
  policy: Policy;
}

export interface GateResult {
  changes: Change[];
  /** What lenient reading skipped, one line each (also in the JSON report). */
  warnings: string[];
  output: string;
  breaking: boolean;
}

const FORMATTERS = { text: formatText, markdown: formatMarkdown, json: formatJson } as const;

export function runGate(input: GateInput, format: Format, cwd: string, options: Partial<GateOptions> = {}): GateResult {
  // A file read on both sides (or twice) warns once.
  const seen = new Set<string>();
  const read: ReadOptions = { ...DEFAULT_READ_OPTIONS, ...options, warn: (message) => seen.add(message) };
  const [base, head] = input.mode === 'paths' ? loadPaths(input.base, input.head, cwd, read) : loadAtRef(input.ref, input.path, cwd, read);
  const changes = diffApiSets(base, head, options.policy);
  const warnings = [...seen];
  const since = input.mode === 'paths' ? input.base : input.ref;
  return { changes, warnings, output: FORMATTERS[format](changes, since, warnings), breaking: changes.some((c) => c.breaking) };
}
