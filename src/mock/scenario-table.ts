// The README's scenario table, generated from the specs so it cannot drift:
// every operation, every documented status and named example, how to trigger
// it, and what comes back. It reads the documents without Prism, so
// `mock --scenarios` works where only the package is installed. One list of
// rows feeds both the Markdown table and `--scenarios --json`.
import type { IHttpOperation } from '@stoplight/types';
import { hasValidationErrorList, specificCodesFor } from './api-errors.js';
import { bodyLimitOf, bundledDocApis } from './doc-operations.js';
import { requestExampleNames } from './paired-example.js';
import { BEHAVIOURS, ruleBack } from './behaviours.js';

/** Token-like strings: long, no spaces, not a link. */
const isTokenLike = (v: unknown): v is string => typeof v === 'string' && v.length > 40 && !v.includes(' ') && !/^https?:/.test(v);

/** JSON with tokens shortened, as inline code. */
function compact(value: unknown): string {
  return `\`${JSON.stringify(value, (_k, v: unknown) => (isTokenLike(v) ? `${v.slice(0, 12)}…` : v))}\``;
}

/** One scenario: what `--scenarios --json` prints per row, with plain text where the table has inline code. */
export interface ScenarioRow {
  /** The API (bundled spec) name, e.g. `proconf-admin`. */
  api: string;
  operationId: string;
  status: number;
  /** The example's name, or what the mock's rule or Prism's validation answers. */
  scenario: string;
  /** Set when `Prefer: example=<name>` (or `?__example=<name>`) picks this row's answer. */
  example?: string;
  /** How to trigger it. */
  how: string;
  /** What comes back (tokens shortened). */
  returns: string;
}

/** Prism answers an invalid request with 422, else 400 (security failures win, with 401). */
function invalidStatus(operation: IHttpOperation): string | undefined {
  return ['422', '400'].find((code) => operation.responses.some((r) => r.code === code));
}

function requiresCredential(operation: IHttpOperation): boolean {
  return (operation.security ?? []).length > 0 && (operation.security ?? []).every((alternative) => alternative.length > 0);
}

function naturalRows(operation: IHttpOperation, code: string, firstExample: unknown): string[][] {
  const rows: string[][] = [];
  if (code === invalidStatus(operation)) {
    const what = operation.request?.body
      ? 'a body that breaks the schema (e.g. a missing required field, a wrong type or format)'
      : 'a path parameter that breaks the schema (e.g. `id` not a uuid)';
    const codes = ['`missing_required_parameter`', '`invalid_parameter`', ...specificCodesFor(operation)].join(', ');
    const back = hasValidationErrorList(operation, Number(code))
      ? `\`{"errors":[…]}\`, one item per actual violation (${codes}); \`attribute\` = the field`
      : compact(firstExample);
    rows.push(['invalid request', what, back]);
  }
  if (code === '401' && requiresCredential(operation))
    rows.push(['missing credential', 'no `Authorization` header, or one of the wrong scheme', compact(firstExample)]);
  if (code === '413' && bodyLimitOf(operation.iid) !== undefined)
    rows.push(['body too large', `a body over ${bodyLimitOf(operation.iid)} bytes`, compact(firstExample)]);
  return rows;
}

/** Rows in Markdown inline code (the cells hold no backtick of their own: Markdown could not show one). */
function operationRows(api: string, operation: IHttpOperation): ScenarioRow[] {
  const rows: ScenarioRow[] = [];
  const paired = requestExampleNames(operation);
  for (const response of operation.responses) {
    const examples = (response.contents?.[0]?.examples ?? []).filter((e): e is typeof e & { value: unknown } => 'value' in e);
    const cells = [
      ...naturalRows(operation, response.code, examples[0]?.value),
      ...examples.map((e, i) => {
        // Where a rule mints this status (behaviours.ts), only the example's name still picks the example.
        const minted = (BEHAVIOURS[operation.iid ?? '']?.rules ?? []).some((rule) => String(rule.status) === response.code);
        const trigger = [
          i === 0 && !minted && `\`Prefer: code=${response.code}\` or \`?__code=${response.code}\``,
          `\`Prefer: example=${e.key}\` or \`?__example=${e.key}\``,
          paired.has(e.key) && !minted && `or send the request example \`${e.key}\``,
        ]
          .filter(Boolean)
          .join('; ');
        const isDefault = i === 0 && !minted && response === operation.responses.find((r) => r.code.startsWith('2'));
        return [e.key, isDefault ? `default (a valid request); ${trigger}` : trigger, `${e.summary ?? ''} ${compact(e.value)}`.trim(), e.key];
      }),
    ];
    // The provider-like rules (behaviours.ts), each under the status it answers with.
    const rules = (BEHAVIOURS[operation.iid ?? '']?.rules ?? [])
      .filter((rule) => String(rule.status) === response.code)
      .map((rule) => [rule.scenario, rule.trigger, ruleBack(rule, operation)]);
    for (const [scenario, how, returns, example] of [...cells, ...rules]) {
      const named = example === undefined ? {} : { example };
      rows.push({ api, operationId: operation.iid ?? '', status: Number(response.code), scenario: scenario!, ...named, how: how!, returns: returns! });
    }
  }
  return rows;
}

/** Every scenario of every bundled API, as the table lists them. */
function scenarioRows(): ScenarioRow[] {
  return bundledDocApis().flatMap((a) => a.operations.flatMap((operation) => operationRows(a.name, operation)));
}

/** The rows with Markdown's inline-code marks taken off: for `--scenarios --json`. */
export function scenarioJson(): ScenarioRow[] {
  const plain = (text: string) => text.replace(/`/g, '');
  return scenarioRows().map((row) => ({ ...row, scenario: plain(row.scenario), how: plain(row.how), returns: plain(row.returns) }));
}

export async function scenarioTable(): Promise<string> {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const header = ['| Operation | Status | Scenario | How to trigger | What comes back |', '|---|---|---|---|---|'];
  const rows = scenarioRows().map((r) => `| \`${r.operationId}\` | ${r.status} | ${cell(r.scenario)} | ${cell(r.how)} | ${cell(r.returns)} |`);
  return [...header, ...rows].join('\n');
}
