// Compares two schemas: normalizes both, handles `false`, pairs `oneOf`/
// `anyOf` alternatives (by discriminator value when both sides have one,
// else with their best counterpart, not by position), then runs every schema
// rule on each pair; rules descend through `recurse`.
//
// The walk never uses the call stack for depth: `recurse` queues the pair on
// a work list, and each pair writes its findings into its own segment of an
// output tree, flattened in document order at the end. Each (base, head)
// pair is compared once per comparison (memoised by identity), so recursive
// schemas, cycles through `allOf`, and shared sub-schemas all finish in time
// linear in the pairs that exist.
import { child } from '../../openapi-doc/pointer.js';
import { refLocation, refOrigin } from '../../openapi-doc/resolve.js';
import { quoteList, type Reporter } from '../change.js';
import { boundsRule, multipleOfRule } from './schema-bounds.js';
import type { Direction, Obj, SchemaContext, SchemaRule } from './schema-context.js';
import { defaultRule } from './schema-default.js';
import { enumRule } from './schema-enum.js';
import { arrayRules, conditionalRule, contentKeywordsRule, dependentRequiredRule, notRule, objectKeywordRules, uniqueItemsRule } from './schema-keywords.js';
import { alternatives, NOTHING, normalize, type Alternative } from './schema-normalize.js';
import { propertiesRule } from './schema-properties.js';
import { formatRule, patternRule } from './schema-string-rules.js';
import { typeRule, typeSet } from './schema-type.js';

const SCHEMA_RULES: Array<[string, SchemaRule]> = [
  ['schema-type', typeRule],
  ['schema-enum', enumRule],
  ['schema-default', defaultRule],
  ['schema-bounds', boundsRule],
  ['schema-multiple-of', multipleOfRule],
  ['schema-pattern', patternRule],
  ['schema-format', formatRule],
  ['schema-properties', propertiesRule],
  ...arrayRules.map((rule) => ['schema-items', rule] as [string, SchemaRule]),
  ['schema-unique-items', uniqueItemsRule],
  ...objectKeywordRules.map((rule) => ['schema-object-keywords', rule] as [string, SchemaRule]),
  ['schema-dependent-required', dependentRequiredRule],
  ['schema-conditional', conditionalRule],
  ['schema-content', contentKeywordsRule],
  ['schema-not', notRule],
];

type Finding = { breaking: boolean; pointer: string; reason: string; rule: string };
/** A pair met again at another pointer: its first segment, replayed with pointers moved from `from` to `to`. */
type Replay = { segment: Segment; from: string; to: string };
/** The findings of one pair, with the segments of the pairs it recursed into, in order. */
type Segment = Array<Finding | Replay | Segment>;

/** Findings replayed for shared sub-schemas, per comparison: a bound on output, never reached by real documents. */
const MAX_FINDINGS = 100_000;

/**
 * Pairs already compared, per direction, across every comparison of the same
 * documents (keys are normalized schemas, which live as long as the documents):
 * a component used by a thousand operations is compared once and replayed.
 */
const compared = { request: new WeakMap<Obj, Seen>(), response: new WeakMap<Obj, Seen>() };

/** A base schema compared with one head whose findings are kept. */
class Compared {
  constructor(
    readonly head: Obj,
    public replay: Replay,
  ) {}
}

/**
 * The heads a base schema was compared with: almost always one, so no Map until a second; and when
 * that one printed nothing (most pairs), the head itself, so a silent pair costs one WeakMap entry.
 */
type Seen = Obj | Compared | Map<Obj, Replay>;

function seenReplay(visited: WeakMap<Obj, Seen>, b: Obj, h: Obj): Replay | undefined {
  const seen = visited.get(b);
  if (seen instanceof Map) return seen.get(h);
  if (seen instanceof Compared) return seen.head === h ? seen.replay : undefined;
  return seen === h ? SILENT : undefined;
}

function remember(visited: WeakMap<Obj, Seen>, b: Obj, h: Obj, replay: Replay): void {
  const seen = visited.get(b);
  if (!seen) visited.set(b, new Compared(h, replay));
  else if (seen instanceof Map) seen.set(h, replay);
  else
    visited.set(
      b,
      new Map(
        seen instanceof Compared
          ? [
              [seen.head, seen.replay],
              [h, replay],
            ]
          : [
              [seen, SILENT],
              [h, replay],
            ],
      ),
    );
}

/** What a pair that prints nothing replays: nothing. Shared, so such pairs keep no segment or pointer of their own. */
const SILENT: Replay = Object.freeze({ segment: Object.freeze([]) as unknown as Segment, from: '', to: '' });

/** Remembers that a pair prints nothing. */
function settleSilent(visited: WeakMap<Obj, Seen>, b: Obj, h: Obj): void {
  const seen = visited.get(b);
  if (seen instanceof Map) seen.set(h, SILENT);
  else if (seen instanceof Compared && seen.head === h) visited.set(b, h);
}

/** Whether a finished segment prints anything (replays included), so empty subtrees are skipped whole. */
const printsSomething = new WeakMap<Segment, boolean>();

function hasFindings(start: Segment): boolean {
  const known = printsSomething.get(start);
  if (known !== undefined) return known;
  // Post-order without recursion. A segment reached again while open (recursion) counts as empty for now;
  // a `false` that relied on such a guess is remembered only if the whole walk found nothing (then none
  // of what it visited prints anything: a finding anywhere would have reached `start`).
  type Frame = { segment: Segment; i: number; any: boolean; guessed: boolean };
  const stack: Frame[] = [{ segment: start, i: 0, any: false, guessed: false }];
  const open = new Set<Segment>([start]);
  let result = false;
  const guessedEmpty: Segment[] = [];
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    if (top.any || top.i >= top.segment.length) {
      stack.pop();
      open.delete(top.segment);
      if (top.any || !top.guessed) printsSomething.set(top.segment, top.any);
      else guessedEmpty.push(top.segment);
      const parent = stack[stack.length - 1];
      if (parent) {
        parent.any ||= top.any;
        parent.guessed ||= top.guessed;
      } else result = top.any;
      continue;
    }
    const item = top.segment[top.i++]!;
    const inner = Array.isArray(item) ? item : 'segment' in item ? item.segment : undefined;
    if (!inner) top.any = true;
    else if (printsSomething.has(inner)) top.any ||= printsSomething.get(inner)!;
    else if (open.has(inner)) top.guessed = true;
    else {
      open.add(inner);
      stack.push({ segment: inner, i: 0, any: false, guessed: false });
    }
  }
  if (!result) for (const segment of guessedEmpty) printsSomething.set(segment, false);
  return result;
}

/** Where an alternative's insides are reported: a `$ref`-reached branch at its own place, else below the schema at `at`. */
const placeOf = (alt: Alternative, at: string) => (alt.tokens.length ? refLocation(alt.raw) : undefined) ?? child(at, ...alt.tokens);

const isObj = (value: unknown): value is Obj => value !== null && typeof value === 'object' && !Array.isArray(value);

/** `false` on one side: nothing was (or is now) valid there. */
function compareNothing(base: Obj, head: Obj, at: string, direction: Direction, report: Reporter): void {
  if (base === head) return;
  if (base === NOTHING) {
    if (direction === 'request') report.info(at, 'request schema was `false`: values are accepted now');
    else report.breaking(at, 'response schema was `false` (never sent): the server may send a value now');
  } else if (direction === 'request') report.breaking(at, 'request schema is now `false`: nothing clients send is accepted');
  else report.info(at, 'response schema is now `false`: never sent');
}

/** A union that writes null as an alternative of its own (`{type: 'null'}`), and in no other. */
const splitsNull = (alts: Alternative[]) => {
  const withNull = alts.map((a) => typeSet(a.schema)).filter((types) => types?.has('null'));
  return alts.length > 1 && withNull.length === 1 && withNull[0]!.size === 1;
};

const splits = new WeakMap<Alternative, Alternative[]>();
/** A single alternative whose types include null and another, as two: the rest, and null (memoized: compared pairs are remembered by identity). */
function nullSplit(alt: Alternative): Alternative[] {
  const types = typeSet(alt.schema);
  if (!types?.has('null') || types.size < 2) return [alt];
  let split = splits.get(alt);
  if (!split) {
    const rest = [...types].filter((t) => t !== 'null');
    split = [
      { ...alt, schema: { ...alt.schema, type: rest.length === 1 ? rest[0] : rest } },
      { ...alt, schema: { type: 'null' } },
    ];
    splits.set(alt, split);
  }
  return split;
}

/** The last token of a `$ref` (`#/components/schemas/Cat` -> `Cat`). */
const refName = (ref: string | undefined) => ref?.slice(ref.lastIndexOf('/') + 1);

/** The discriminator values that select an alternative: its mapping names, its schema name, or its property's constant. */
function tagsOf(alt: Alternative, discriminator: Obj): string[] {
  const name = refName(refOrigin(alt.raw));
  const mapping = (isObj(discriminator.mapping) ? discriminator.mapping : {}) as Record<string, unknown>;
  const mapped = Object.keys(mapping).filter((tag) => typeof mapping[tag] === 'string' && name !== undefined && refName(mapping[tag] as string) === name);
  if (mapped.length) return mapped;
  const property = normalize((alt.schema.properties as Obj | undefined)?.[discriminator.propertyName]);
  const constant = 'const' in property ? [property.const] : Array.isArray(property.enum) && property.enum.length === 1 ? property.enum : [];
  if (constant.length && typeof constant[0] === 'string') return [constant[0]];
  return name !== undefined && !Object.values(mapping).some((target) => refName(target as string) === name) ? [name] : [];
}

/** discriminator `propertyName` and `mapping`: how clients and servers pick a branch. */
function compareDiscriminator(base: Obj, head: Obj, at: string, direction: Direction, report: Reporter): void {
  const [before, after] = [base.discriminator, head.discriminator];
  if (!isObj(before) || !isObj(after)) {
    if (isObj(before) !== isObj(after)) report.info(child(at, 'discriminator'), `${direction} discriminator ${isObj(after) ? 'added' : 'removed'}`);
    return;
  }
  if (before.propertyName !== after.propertyName) {
    report.breaking(
      child(at, 'discriminator', 'propertyName'),
      `${direction} discriminator property changed from \`${before.propertyName}\` to \`${after.propertyName}\`: payloads are told apart by another field`,
      'discriminator-property-changed',
    );
    return;
  }
  const [was, is] = [(before.mapping ?? {}) as Record<string, string>, (after.mapping ?? {}) as Record<string, string>];
  for (const tag of Object.keys(was)) {
    const mappingAt = child(at, 'discriminator', 'mapping', tag);
    if (!(tag in is)) {
      if (direction === 'request')
        report.breaking(
          mappingAt,
          `request discriminator value \`${tag}\` no longer mapped: payloads tagged with it are rejected`,
          'discriminator-mapping-changed',
        );
      else report.info(mappingAt, `response discriminator value \`${tag}\` no longer mapped`, 'discriminator-mapping-changed');
    } else if (refName(was[tag]) !== refName(is[tag]))
      report.breaking(
        mappingAt,
        `${direction} discriminator value \`${tag}\` now maps to \`${is[tag]}\`, not \`${was[tag]}\`: the payload is read as another type`,
        'discriminator-mapping-changed',
      );
  }
  for (const tag of Object.keys(is).filter((t) => !(t in was)))
    report.info(child(at, 'discriminator', 'mapping', tag), `${direction} discriminator value \`${tag}\` mapped`, 'discriminator-mapping-changed');
}

/** Comparisons in the other direction under way (a `not` inside a `not`...): past any real document's nesting, counted as equal. */
let flips = 0;

type Tally = { breaking: number; total: number };
/** Counts already made (or under way: a recursive `not` counts what it has so far), per direction. */
const counted = { request: new WeakMap<Obj, Map<Obj, Tally>>(), response: new WeakMap<Obj, Map<Obj, Tally>>() };

/** How many changes (and breaking ones) comparing two schemas in `direction` reports, reporting none; once per pair. */
function countChanges(base: unknown, head: unknown, direction: Direction): Tally {
  const [nb, nh] = [normalize(base), normalize(head)];
  let row = counted[direction].get(nb);
  if (!row) counted[direction].set(nb, (row = new Map()));
  const known = row.get(nh);
  if (known) return known;
  const tally = { breaking: 0, total: 0 };
  if (flips > 32) return tally;
  row.set(nh, tally);
  flips++;
  try {
    compareSchemas(
      base,
      head,
      '',
      direction,
      {
        breaking: () => {
          tally.breaking++;
          tally.total++;
        },
        info: () => {
          tally.total++;
        },
      },
      false,
    );
  } finally {
    flips--;
  }
  return tally;
}

/** `shared`: remember pairs across comparisons of the same documents (a real run); a count keeps its own. */
export function compareSchemas(base: unknown, head: unknown, pointer: string, direction: Direction, report: Reporter, shared = true): void {
  // Pairing alternatives scores the same pairs repeatedly: remember each result.
  const scores = new Map<Obj, Map<Obj, { breaking: number; total: number }>>();
  let scoring = 0;
  const score = (b: unknown, h: unknown, other: Direction = direction) => {
    if (other !== direction) return countChanges(b, h, other);
    const [nb, nh] = [normalize(b), normalize(h)];
    let row = scores.get(nb);
    if (!row) scores.set(nb, (row = new Map()));
    let tally = row.get(nh);
    if (tally) return tally;
    // A pair being scored already (a cycle), or scores nested past any real document: count as equal.
    if (scoring > 32) return { breaking: 0, total: 0 };
    tally = { breaking: 0, total: 0 };
    row.set(nh, tally);
    const count = (breaking: boolean) => () => {
      tally!.total++;
      if (breaking) tally!.breaking++;
    };
    scoring++;
    try {
      run(nb, nh, '', { breaking: count(true), info: count(false) });
    } finally {
      scoring--;
    }
    return tally;
  };

  /** One comparison: a work list of pairs and the output tree they fill. */
  /** `shared`: remember pairs across comparisons (real runs); a score keeps its own, since it runs while a real run is half done. */
  function run(rootBase: unknown, rootHead: unknown, rootAt: string, sink: Reporter, shared = false): void {
    const visited = shared ? compared[direction] : new WeakMap<Obj, Seen>();
    const root: Segment = [];
    const work: Array<[unknown, unknown, string, Segment]> = [[rootBase, rootHead, rootAt, root]];

    const writer = (segment: Segment, defaultRule: string): Reporter => ({
      breaking: (p, reason, rule) => segment.push({ breaking: true, pointer: p, reason, rule: rule ?? defaultRule }),
      info: (p, reason, rule) => segment.push({ breaking: false, pointer: p, reason, rule: rule ?? defaultRule }),
    });
    const recurse = (segment: Segment) => (x: unknown, y: unknown, p: string) => {
      const sub: Segment = [];
      segment.push(sub);
      work.push([x, y, p, sub]);
    };

    const compareRules = (b: Obj, h: Obj, at: string, segment: Segment) => {
      const into = recurse(segment);
      for (const [id, rule] of SCHEMA_RULES) {
        const ctx: SchemaContext = { pointer: at, direction, report: writer(segment, id), recurse: into, score };
        rule(b, h, ctx);
      }
    };

    /** The counterpart of `one` among `others` with the fewest breaking, then fewest, changes; on a tie, one not paired yet. */
    const best = (one: Alternative, others: Alternative[], oneIsBase: boolean, used: Set<Alternative>) => {
      let pick = others[0]!;
      let pickScore = { breaking: Infinity, total: Infinity, used: true };
      for (const other of others) {
        const s = { ...(oneIsBase ? score(one.schema, other.schema) : score(other.schema, one.schema)), used: used.has(other) };
        const better = s.breaking - pickScore.breaking || s.total - pickScore.total || Number(s.used) - Number(pickScore.used);
        if (better < 0) [pick, pickScore] = [other, s];
      }
      return { pick, score: pickScore };
    };

    /** An alternative left unpaired that repeats one on the other side adds nothing. */
    const isCopy = (alt: Alternative, others: Alternative[], altIsBase: boolean) =>
      others.some((other) => (altIsBase ? score(alt.schema, other.schema) : score(other.schema, alt.schema)).total === 0);

    /** Whether `wide` has every property `narrow` has: a counterpart that still reads all of it. */
    const keepsProperties = (narrow: Obj, wide: Obj) => Object.keys(narrow.properties ?? {}).every((name) => name in (wide.properties ?? {}));

    /** The JSON types a value of `a` and of `b` could both have (a schema without `type` has them all). */
    const ALL_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'];
    const typesOf = (o: Obj) => {
      const set = new Set(typeSet(o) ?? ALL_TYPES);
      if (set.has('number')) set.add('integer');
      return set;
    };
    const overlap = (a: Obj, b: Obj) => {
      const tb = typesOf(b);
      return [...typesOf(a)].filter((t) => tb.has(t) || (t === 'number' && tb.has('integer')));
    };
    /** Alternatives flatten nested compositions: only branches of the same `oneOf` exclude each other. */
    const siblings = (a: Alternative, b: Alternative) => a.tokens.slice(0, -1).join('/') === b.tokens.slice(0, -1).join('/');
    /**
     * Types two old branches of one `oneOf` already shared: it already rejected those values, so a new
     * overlap there loses nothing. Branches of an `anyOf` accepted them: `anyOf` → `oneOf` loses them.
     */
    const sharedBefore = (alts: Alternative[]) => {
      const shared = new Set<string>();
      alts.forEach((a, i) => {
        if (a.tokens[a.tokens.length - 2] !== 'oneOf') return;
        for (const b of alts.slice(i + 1)) if (siblings(a, b)) for (const t of overlap(a.schema, b.schema)) shared.add(t);
      });
      return shared;
    };

    const pairByScore = (before: Alternative[], after: Alternative[], at: string, segment: Segment, tagged = false) => {
      const used = new Set<Alternative>();
      const to = (alt: Alternative) => child(at, ...alt.tokens);
      const rep = writer(segment, 'schema-alternatives');
      // In a request every old alternative must still be accepted; in a response every new one must be known.
      const [mine, theirs, mineIsBase] = direction === 'request' ? [before, after, true] : [after, before, false];
      const shared = new Set<Alternative>();
      /** The old alternatives each new one was paired with (paths differ when a schema is re-wrapped). */
      const pairedWith = new Map<Alternative, Alternative[]>();
      /** Types the old alternatives behind `alt`'s siblings already shared. */
      const sharedFor = (alt: Alternative) => sharedBefore([...used].filter((x) => siblings(x, alt)).flatMap((x) => pairedWith.get(x) ?? []));
      for (const one of mine) {
        const { pick, score: s } = best(one, theirs, mineIsBase, used);
        // Two alternatives on this side collapse onto one: unless the one left reads everything, a shape is lost (request) or new (response).
        if (
          used.has(pick) &&
          s.breaking === 0 &&
          s.total > 0 &&
          !keepsProperties(...((mineIsBase ? [one.schema, pick.schema] : [pick.schema, one.schema]) as [Obj, Obj]))
        )
          shared.add(one);
        used.add(pick);
        const [b, h] = mineIsBase ? [one, pick] : [pick, one];
        pairedWith.set(h, [...(pairedWith.get(h) ?? []), b]);
        compareRules(b.schema, h.schema, placeOf(h, at), segment);
      }
      // A kept `oneOf` branch that widened into a sibling: values both now match are rejected.
      if (direction === 'request' && !tagged) {
        const kept = [...used].filter((a) => a.tokens[a.tokens.length - 2] === 'oneOf');
        const newOverlap = (a: Alternative, b: Alternative) => siblings(a, b) && overlap(a.schema, b.schema).some((t) => !sharedFor(a).has(t));
        kept.forEach((a, i) => {
          if (kept.slice(i + 1).some((b) => newOverlap(a, b)))
            rep.breaking(to(a), 'request oneOf branch now overlaps another: payloads matching both are now rejected', 'schema-one-of-overlap');
        });
      }
      for (const one of shared) {
        if (direction === 'request') rep.breaking(to(one), 'request alternative removed: payloads of that shape are no longer accepted');
        else rep.breaking(to(one), 'response may send a new alternative: clients do not know its shape');
      }
      for (const other of theirs.filter((a) => !used.has(a) && !isCopy(a, mine, !mineIsBase))) {
        // `oneOf` accepts a value matching exactly one branch: a new branch that overlaps a kept one rejects values both match.
        const clash =
          direction === 'request' &&
          !tagged &&
          other.tokens[other.tokens.length - 2] === 'oneOf' &&
          [...used].some((kept) => siblings(kept, other) && overlap(kept.schema, other.schema).some((t) => !sharedFor(other).has(t)));
        if (clash)
          rep.breaking(
            to(other),
            'request oneOf gained an alternative that overlaps another: payloads matching both are now rejected',
            'schema-one-of-overlap',
          );
        else if (direction === 'request') rep.info(to(other), 'request accepts a new alternative');
        else rep.info(to(other), 'response no longer sends one of its alternatives');
      }
    };

    /** With a discriminator on both sides, alternatives are the same when they carry the same discriminator value. */
    const pairByTag = (b: Obj, h: Obj, before: Alternative[], after: Alternative[], at: string, segment: Segment): boolean => {
      const [db, dh] = [b.discriminator, h.discriminator];
      if (!isObj(db) || !isObj(dh) || db.propertyName !== dh.propertyName || typeof db.propertyName !== 'string') return false;
      const tagged = (alts: Alternative[], discriminator: Obj) => {
        const map = new Map<string, Alternative>();
        for (const alt of alts) for (const tag of tagsOf(alt, discriminator)) if (!map.has(tag)) map.set(tag, alt);
        return map;
      };
      const [was, is] = [tagged(before, db), tagged(after, dh)];
      if (!was.size || !is.size) return false;
      const rep = writer(segment, 'discriminator-branch');
      for (const [tag, alt] of was) {
        const next = is.get(tag);
        if (next) compareRules(alt.schema, next.schema, placeOf(next, at), segment);
        else if (direction === 'request')
          rep.breaking(child(at, ...alt.tokens), `request no longer accepts discriminator value ${quoteList([tag])}: payloads tagged with it are rejected`);
        else rep.info(child(at, ...alt.tokens), `response no longer sends discriminator value ${quoteList([tag])}`);
      }
      for (const [tag, alt] of is) {
        if (was.has(tag)) continue;
        if (direction === 'request') rep.info(child(at, ...alt.tokens), `request accepts discriminator value ${quoteList([tag])}`);
        else rep.breaking(child(at, ...alt.tokens), `response may send discriminator value ${quoteList([tag])}: clients do not know that type`);
      }
      // Alternatives no tag selects are still paired by shape.
      const untagged = (alts: Alternative[], map: Map<string, Alternative>) => alts.filter((a) => ![...map.values()].includes(a));
      const [restBefore, restAfter] = [untagged(before, was), untagged(after, is)];
      if (restBefore.length && restAfter.length) pairByScore(restBefore, restAfter, at, segment, true);
      return true;
    };

    const visit = (rawBase: unknown, rawHead: unknown, where: string, segment: Segment) => {
      const [b, h] = [normalize(rawBase), normalize(rawHead)];
      // A schema reached through a `$ref` is reported at its own place: short, and the same wherever it is used.
      const at = refLocation(rawHead) ?? where;
      // A pair met before (a shared schema, or recursion) is compared once and its findings replayed here.
      const first = seenReplay(visited, b, h);
      if (first) return void segment.push({ segment: first.segment, from: first.to, to: at });
      const replay = { segment, from: at, to: at };
      remember(visited, b, h, replay);
      fresh.push([b, h, replay]);
      if (b === NOTHING || h === NOTHING) return compareNothing(b, h, at, direction, writer(segment, 'schema-false'));
      compareDiscriminator(b, h, at, direction, writer(segment, 'discriminator'));
      let [before, after] = [alternatives(b), alternatives(h)];
      // `type: [X, 'null']` against a union reads as the union `oneOf: [X, {type: 'null'}]` writes.
      if (before.length === 1 && splitsNull(after)) before = nullSplit(before[0]!);
      else if (after.length === 1 && splitsNull(before)) after = nullSplit(after[0]!);
      if (before.length === 1 && after.length === 1) compareRules(before[0]!.schema, after[0]!.schema, placeOf(after[0]!, at), segment);
      else if (!pairByTag(b, h, before, after, at, segment)) pairByScore(before, after, at, segment, isObj(h.discriminator));
    };

    /** The pairs this run compared first: once printed, those that print nothing are remembered as SILENT. */
    const fresh: Array<[Obj, Obj, Replay]> = [];
    while (work.length) {
      const [b, h, at, segment] = work.pop()!;
      visit(b, h, at, segment);
    }
    // Flatten the output tree in order, without recursion. A replay moves pointers; a replay of a
    // segment already being printed (recursion) prints nothing more.
    type Frame = { segment: Segment; i: number; move: (p: string) => string };
    const stack: Frame[] = [{ segment: root, i: 0, move: (p) => p }];
    const printing = new Set<Segment>([root]);
    let emitted = 0;
    const printed = new Set<string>();
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      if (top.i >= top.segment.length) {
        stack.pop();
        printing.delete(top.segment);
        continue;
      }
      const item = top.segment[top.i++]!;
      if (Array.isArray(item)) {
        // A subtree that prints nothing is emptied: the pairs it came from stay remembered, their memory goes.
        if (!hasFindings(item)) {
          item.length = 0;
          continue;
        }
        printing.add(item);
        stack.push({ segment: item, i: 0, move: top.move });
      } else if ('segment' in item) {
        if (printing.has(item.segment) || emitted > MAX_FINDINGS || !hasFindings(item.segment)) continue;
        printing.add(item.segment);
        const { from, to } = item;
        const outer = top.move;
        stack.push({ segment: item.segment, i: 0, move: (p) => outer(p.startsWith(from) ? to + p.slice(from.length) : p) });
      } else {
        // A schema used twice in one walk is at one place: its finding is printed once.
        const at = top.move(item.pointer);
        const key = `${item.breaking}\0${at}\0${item.rule}\0${item.reason}`;
        if (printed.has(key)) continue;
        printed.add(key);
        emitted++;
        (item.breaking ? sink.breaking : sink.info)(at, item.reason, item.rule, at.startsWith(rootAt) ? undefined : rootAt);
      }
    }
    // Most pairs find nothing: across a large document their segments and pointers were most of the gate's memory.
    for (const [b, h, replay] of fresh) if (!hasFindings(replay.segment)) settleSilent(visited, b, h);
  }

  run(base, head, pointer, report, shared);
}
