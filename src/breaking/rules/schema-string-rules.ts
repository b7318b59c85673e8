// `pattern` and `format` restrict which strings are valid. Whether one regex
// accepts everything another does cannot be decided here, so any new or
// changed request pattern counts as stricter. A response `pattern` is
// documentation of the server's values that no typed client encodes, so its
// changes are reported but never break; a response `format` (date-time,
// uuid, ...) is what clients parse with, so loosening it breaks. Formats
// compare as sets where one holds the other (`int32` in `int64`, `float` in
// `double`), so widening a request format or narrowing a response one is safe.
import { child } from '../../openapi-doc/pointer.js';
import type { SchemaRule } from './schema-context.js';

/** Formats that admit every value of another (`int64` every `int32`): a change to the wider one widens. */
const WIDER: Record<string, string> = { int32: 'int64', float: 'double' };
/** Whether every value valid under `format` `a` is valid under `b` (no format admits everything). */
const admits = (b: string | undefined, a: string | undefined) => b === undefined || a === b || (a !== undefined && WIDER[a] === b);

function stringConstraintRule(keyword: 'pattern' | 'format', responseMatters: boolean): SchemaRule {
  return (base, head, { pointer, direction, report }) => {
    const before = base[keyword] as string | undefined;
    const after = head[keyword] as string | undefined;
    if (before === after) return;
    const at = child(pointer, keyword);
    const what =
      before === undefined
        ? `${keyword} \`${after}\` added`
        : after === undefined
          ? `${keyword} \`${before}\` removed`
          : `${keyword} changed from \`${before}\` to \`${after}\``;
    // Requests must keep accepting old values: only a removed constraint is safe.
    // Responses must keep their promise: only a newly added constraint is safe.
    const safe =
      keyword === 'format'
        ? direction === 'request'
          ? admits(after, before)
          : admits(before, after)
        : direction === 'request'
          ? after === undefined
          : before === undefined || !responseMatters;
    if (safe) report.info(at, `${direction} ${what}`, keyword === 'pattern' && direction === 'request' ? 'request-pattern-removed' : undefined);
    else if (direction === 'request') report.breaking(at, `request ${what}: values clients send today may be rejected`);
    else report.breaking(at, `response ${what}: clients relying on the old ${keyword} may fail`);
  };
}

export const patternRule = stringConstraintRule('pattern', false);
export const formatRule = stringConstraintRule('format', true);
