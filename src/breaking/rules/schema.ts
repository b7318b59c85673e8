// Compares two schemas: normalizes both, handles `false`, pairs `oneOf`/
// `anyOf` alternatives with their best counterpart (not by position), then
// runs every schema rule on each pair; rules descend through `recurse`.
import { child } from '../../openapi-doc/pointer.js';
import type { Reporter } from '../change.js';
import { boundsRule } from './schema-bounds.js';
import type { Direction, Obj, SchemaContext, SchemaRule } from './schema-context.js';
import { defaultRule } from './schema-default.js';
import { enumRule } from './schema-enum.js';
import { arrayRules, conditionalRule, contentKeywordsRule, dependentRequiredRule, objectKeywordRules } from './schema-keywords.js';
import { alternatives, NOTHING, normalize, type Alternative } from './schema-normalize.js';
import { propertiesRule } from './schema-properties.js';
import { formatRule, patternRule } from './schema-string-rules.js';
import { typeRule } from './schema-type.js';

const SCHEMA_RULES: SchemaRule[] = [
  typeRule,
  enumRule,
  defaultRule,
  boundsRule,
  patternRule,
  formatRule,
  propertiesRule,
  ...arrayRules,
  ...objectKeywordRules,
  dependentRequiredRule,
  conditionalRule,
  contentKeywordsRule,
];

const counter = () => {
  const tally = { breaking: 0, total: 0 };
  const report: Reporter = {
    breaking: () => {
      tally.breaking++;
      tally.total++;
    },
    info: () => {
      tally.total++;
    },
  };
  return { tally, report };
};

/** `false` on one side: nothing was (or is now) valid there. */
function compareNothing(base: Obj, head: Obj, at: string, direction: Direction, report: Reporter): void {
  if (base === head) return;
  if (base === NOTHING) {
    if (direction === 'request') report.info(at, 'request schema was `false`: values are accepted now');
    else report.breaking(at, 'response schema was `false` (never sent): the server may send a value now');
  } else if (direction === 'request') report.breaking(at, 'request schema is now `false`: nothing clients send is accepted');
  else report.info(at, 'response schema is now `false`: never sent');
}

export function compareSchemas(base: unknown, head: unknown, pointer: string, direction: Direction, report: Reporter): void {
  // Pairs on the current descent only: a shared schema used by two properties
  // is compared at both pointers, a recursive one stops at its own repetition.
  const stack: Array<[Obj, Obj]> = [];

  // Pairing alternatives scores the same pairs repeatedly: remember each result.
  const scores = new Map<Obj, Map<Obj, { breaking: number; total: number }>>();
  const score = (b: unknown, h: unknown) => {
    const [nb, nh] = [normalize(b), normalize(h)];
    let row = scores.get(nb);
    if (!row) scores.set(nb, (row = new Map()));
    let tally = row.get(nh);
    if (!tally) {
      const scratch = counter();
      visit(nb, nh, '', scratch.report);
      row.set(nh, (tally = scratch.tally));
    }
    return tally;
  };

  const compareRules = (b: Obj, h: Obj, at: string, rep: Reporter) => {
    const ctx: SchemaContext = { pointer: at, direction, report: rep, recurse: (x, y, p) => visit(x, y, p, rep), score };
    for (const rule of SCHEMA_RULES) rule(b, h, ctx);
  };

  /**
   * The counterpart of `one` among `others` that reports the fewest breaking,
   * then fewest, changes; on a tie, one not paired yet.
   */
  const best = (one: Alternative, others: Alternative[], oneIsBase: boolean, used: Set<Alternative>) => {
    let pick = others[0]!;
    let pickScore = { breaking: Infinity, total: Infinity, used: true };
    for (const other of others) {
      const s = { ...(oneIsBase ? score(one.schema, other.schema) : score(other.schema, one.schema)), used: used.has(other) };
      const better = s.breaking - pickScore.breaking || s.total - pickScore.total || Number(s.used) - Number(pickScore.used);
      if (better < 0) [pick, pickScore] = [other, s];
    }
    return pick;
  };

  /** An alternative left unpaired that repeats one on the other side adds nothing. */
  const isCopy = (alt: Alternative, others: Alternative[], altIsBase: boolean) =>
    others.some((other) => (altIsBase ? score(alt.schema, other.schema) : score(other.schema, alt.schema)).total === 0);

  const compareAlternatives = (before: Alternative[], after: Alternative[], at: string, rep: Reporter) => {
    const used = new Set<Alternative>();
    const to = (alt: Alternative) => child(at, ...alt.tokens);
    if (direction === 'request') {
      // Every alternative clients could send must still be accepted by some alternative.
      for (const b of before) {
        const h = best(b, after, true, used);
        used.add(h);
        compareRules(b.schema, h.schema, to(h), rep);
      }
      for (const h of after.filter((a) => !used.has(a) && !isCopy(a, before, false))) rep.info(to(h), 'request accepts a new alternative');
    } else {
      // Every alternative the server may send must be one clients already handle.
      for (const h of after) {
        const b = best(h, before, false, used);
        used.add(b);
        compareRules(b.schema, h.schema, to(h), rep);
      }
      for (const b of before.filter((a) => !used.has(a) && !isCopy(a, after, true))) rep.info(to(b), 'response no longer sends one of its alternatives');
    }
  };

  function visit(rawBase: unknown, rawHead: unknown, at: string, rep: Reporter): void {
    const [b, h] = [normalize(rawBase), normalize(rawHead)];
    if (stack.some(([sb, sh]) => sb === b && sh === h)) return;
    stack.push([b, h]);
    try {
      if (b === NOTHING || h === NOTHING) {
        compareNothing(b, h, at, direction, rep);
        return;
      }
      const [before, after] = [alternatives(b), alternatives(h)];
      if (before.length === 1 && after.length === 1) compareRules(before[0]!.schema, after[0]!.schema, child(at, ...after[0]!.tokens), rep);
      else compareAlternatives(before, after, at, rep);
    } finally {
      stack.pop();
    }
  }

  visit(base, head, pointer, report);
}
