// Plain-text report: one PASS/FAIL/SKIP line per check, then a summary.
import type { CheckResult, VerifyResult } from './verify-api.js';

export function formatCheck(result: CheckResult): string {
  const status = result.status === undefined ? '' : ` -> ${result.status}`;
  const why = result.problems.length ? `\n      ${result.problems.join('\n      ')}` : '';
  return `${result.outcome.toUpperCase().padEnd(4)}  ${result.id}${status}${why}`;
}

export function formatSummary(result: VerifyResult): string {
  return `verify ${result.api} against ${result.target}: ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped`;
}

export function formatReport(result: VerifyResult): string {
  return [...result.results.map(formatCheck), formatSummary(result)].join('\n');
}
