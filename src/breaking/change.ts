// One detected difference between two versions of an API, and the collector
// the rules report into. Every change carries the id of the rule that found
// it and a level; the policy (policy.ts) may move a rule to another level.

/** `breaking` fails the gate (exit 1); `warning` and `info` are listed only. */
export type Level = 'breaking' | 'warning' | 'info';

export interface Change {
  api: string;
  /** `POST /api/things`, or `*` for a change that affects every operation. */
  operation: string;
  /**
   * RFC 6901 pointer into the head (or, for what was removed, base) document. A change inside a
   * schema reached through a `$ref` is at the node's own place (`/components/schemas/Pet/...`).
   */
  pointer: string;
  /** When `pointer` is in a `$ref`-reached schema: where the operation uses it (`/paths/~1pets/post/requestBody/content/application~1json/schema`). */
  via?: string;
  reason: string;
  /** The rule's id (`schema-type`, `response-error-status-removed`, ...): what a policy switches. */
  rule: string;
  level: Level;
  breaking: boolean;
}

/** What a rule sees: where it is, and where to report. `rule` overrides the reporter's default id; `via` names the use of a `$ref`-reached schema. */
export interface Reporter {
  breaking(pointer: string, reason: string, rule?: string, via?: string): void;
  info(pointer: string, reason: string, rule?: string, via?: string): void;
}

/** The same reporter with another default rule id. */
export function withRule(report: Reporter, rule: string): Reporter {
  return {
    breaking: (pointer, reason, id, via) => report.breaking(pointer, reason, id ?? rule, via),
    info: (pointer, reason, id, via) => report.info(pointer, reason, id ?? rule, via),
  };
}

export class ChangeLog {
  readonly changes: Change[] = [];

  /** A reporter that stamps every change with this API and operation. */
  for(api: string, operation: string, defaultRule = 'operation'): Reporter {
    const add = (breaking: boolean) => (pointer: string, reason: string, rule?: string, via?: string) => {
      const change: Change = { api, operation, pointer, reason, rule: rule ?? defaultRule, level: breaking ? 'breaking' : 'info', breaking };
      if (via !== undefined) change.via = via;
      this.changes.push(change);
    };
    return { breaking: add(true), info: add(false) };
  }
}

const RANK: Record<Level, number> = { breaking: 0, warning: 1, info: 2 };

/** Breaking changes first, then warnings; otherwise the order the rules found them in. */
export function sortChanges(changes: Change[]): Change[] {
  return changes
    .map((change, i) => [change, i] as const)
    .sort(([a, i], [b, j]) => RANK[a.level] - RANK[b.level] || i - j)
    .map(([change]) => change);
}

/** `a`, `b` and `c` as a readable list for reasons. */
export function quoteList(values: unknown[]): string {
  return values.map((v) => `\`${typeof v === 'string' ? v : JSON.stringify(v)}\``).join(', ');
}

/** The whole document's pointer is the empty string; print it readably. */
function displayPointer(pointer: string): string {
  return pointer || '(document)';
}

/** A change's place for people: its pointer, and the operation's use of the `$ref`-reached schema it is in. */
export function displayPlace(change: Pick<Change, 'pointer' | 'via'>): string {
  return change.via === undefined ? displayPointer(change.pointer) : `${change.pointer} (via ${change.via})`;
}
