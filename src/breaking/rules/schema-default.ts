// `default`: what the server assumes when a client omits the value. Adding,
// changing or removing a request default changes what the server does for
// clients that omit it; in a response it is documentation only.
import { child } from '../../openapi-doc/pointer.js';
import type { SchemaRule } from './schema-context.js';

const show = (value: unknown) => `\`${JSON.stringify(value)}\``;

export const defaultRule: SchemaRule = (base, head, { pointer, direction, report }) => {
  const [had, has] = ['default' in base, 'default' in head];
  if (!had && !has) return;
  if (had && has && JSON.stringify(base.default) === JSON.stringify(head.default)) return;
  const what = !had
    ? `default ${show(head.default)} added`
    : !has
      ? `default ${show(base.default)} removed`
      : `default changed from ${show(base.default)} to ${show(head.default)}`;
  const at = child(pointer, 'default');
  // Level: the policy's (gates differ; no request that was valid becomes invalid).
  if (direction === 'request') report.breaking(at, `request ${what}: clients that omit the value get different behaviour`, 'request-default-changed');
  else report.info(at, `response ${what}`);
};
