// The whole gate as a function: load both sides, diff, format. The CLI only
// adds argv parsing, printing and the exit code.
import { diffApiSets } from './diff.ts';
import type { Change } from './change.ts';
import type { GateOptions } from './cli-args.ts';
import { repositoryRoot } from './git-tree.ts';
import { loadSpecs, loadSpecsAtRef } from './load-specs.ts';
import { formatMarkdown } from './report-markdown.ts';
import { formatText } from './report-text.ts';

export interface GateResult {
  changes: Change[];
  output: string;
  breaking: boolean;
}

export async function runGate(options: GateOptions, cwd: string): Promise<GateResult> {
  const repo = repositoryRoot(cwd);
  const [base, head] = await Promise.all([loadSpecsAtRef(repo, options.base), loadSpecs(repo)]);
  const changes = diffApiSets(base, head);
  const output = (options.format === 'markdown' ? formatMarkdown : formatText)(changes, options.base);
  return { changes, output, breaking: changes.some((c) => c.breaking) };
}
