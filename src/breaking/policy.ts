// The verdicts gates disagree on, as switchable rules: our default level for
// each (docs/breaking.md has the table and the reasons), and the project's
// own choice read from `--policy <file>` or `--rule <id>=<level>`. Every
// change carries its rule id, so a policy moves one kind of change at once.
import type { Change, Level } from './change.js';
import { GateError } from './errors.js';
import { parseSpecText } from './parse.js';

export const SWITCHABLE_RULES = {
  'response-error-status-removed': 'info',
  'response-optional-property-removed': 'breaking',
  'response-optional-header-removed': 'breaking',
  'security-oauth-url-changed': 'warning',
  'security-scheme-renamed': 'warning',
  'server-variable-enum-narrowed': 'breaking',
  'operation-id-changed': 'warning',
  'response-header-became-required': 'info',
  'request-pattern-removed': 'info',
  'request-parameter-removed': 'breaking',
  'request-default-changed': 'warning',
  'deprecated-operation-removed': 'breaking',
  'media-type-changed': 'breaking',
} as const satisfies Record<string, Level>;

type SwitchableRule = keyof typeof SWITCHABLE_RULES;
export type Policy = Partial<Record<SwitchableRule, Level>>;

const LEVELS: readonly Level[] = ['breaking', 'warning', 'info'];

function checkedEntry(rule: string, level: unknown, where: string): [SwitchableRule, Level] {
  if (!Object.hasOwn(SWITCHABLE_RULES, rule))
    throw new GateError(`${where}: unknown rule ${rule}; switchable rules: ${Object.keys(SWITCHABLE_RULES).join(', ')}`);
  if (!LEVELS.includes(level as Level)) throw new GateError(`${where}: rule ${rule} level must be breaking, warning or info, not ${String(level)}`);
  return [rule as SwitchableRule, level as Level];
}

/** A policy file: `rules: { <rule id>: breaking | warning | info }` (YAML or JSON). */
export function parsePolicy(text: string, file: string): Policy {
  const data = parseSpecText(text, file) as { rules?: unknown } | null;
  const rules = data?.rules;
  if (!rules || typeof rules !== 'object' || Array.isArray(rules)) throw new GateError(`${file}: a policy file needs a \`rules\` map of rule id to level`);
  return Object.fromEntries(Object.entries(rules).map(([rule, level]) => checkedEntry(rule, level, file)));
}

/** `--rule <id>=<level>`, repeatable; later ones win. */
export function parseRuleFlags(flags: string[]): Policy {
  return Object.fromEntries(
    flags.map((flag) => {
      const eq = flag.indexOf('=');
      if (eq < 0) throw new GateError(`--rule needs <id>=<level>, got ${flag}`);
      return checkedEntry(flag.slice(0, eq), flag.slice(eq + 1), '--rule');
    }),
  );
}

/** Each change at the level its rule has under `policy` (our defaults where the policy says nothing). */
export function applyPolicy(changes: Change[], policy: Policy = {}): Change[] {
  return changes.map((change) => {
    const rule = change.rule as SwitchableRule;
    if (!Object.hasOwn(SWITCHABLE_RULES, rule)) return change;
    const level = policy[rule] ?? SWITCHABLE_RULES[rule];
    return { ...change, level, breaking: level === 'breaking' };
  });
}
