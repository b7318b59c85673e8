// The same schema edit can break clients in one direction and not the other.
import { describe, expect, it } from 'vitest';
import { ChangeLog } from '../../src/breaking/change.ts';
import { compareSchemas } from '../../src/breaking/rules/schema.ts';
import type { Direction, Obj } from '../../src/breaking/rules/schema-context.ts';
import { dereference } from '../../src/openapi-doc/resolve.ts';

function verdict(base: Obj, head: Obj, direction: Direction) {
  const log = new ChangeLog();
  compareSchemas(base, head, '/s', direction, log.for('api', 'GET /x'));
  return log.changes.map((c) => `${c.breaking ? 'breaking' : 'ok'} ${c.pointer}`);
}

const str = (extra: Obj = {}) => ({ type: 'string', ...extra });
const obj = (properties: Obj, required: string[] = []) => ({ type: 'object', properties, required });

// [edit, base, head, request verdict, response verdict]
const CASES: Array<[string, Obj, Obj, string[], string[]]> = [
  ['enum gains a value', str({ enum: ['a'] }), str({ enum: ['a', 'b'] }), ['ok /s/enum'], ['breaking /s/enum']],
  ['enum loses a value', str({ enum: ['a', 'b'] }), str({ enum: ['a'] }), ['breaking /s/enum'], ['ok /s/enum']],
  ['property added', obj({ a: str() }), obj({ a: str(), b: str() }), ['ok /s/properties/b'], ['ok /s/properties/b']],
  ['required property added', obj({ a: str() }), obj({ a: str(), b: str() }, ['b']), ['breaking /s/properties/b'], ['ok /s/properties/b']],
  ['type widened to nullable', str(), { type: ['string', 'null'] }, ['ok /s/type'], ['breaking /s/type']],
  ['type narrowed', { type: ['string', 'integer'] }, str(), ['breaking /s/type'], ['ok /s/type']],
  ['maxLength lowered', str({ maxLength: 9 }), str({ maxLength: 3 }), ['breaking /s/maxLength'], ['ok /s/maxLength']],
  ['maxLength removed', str({ maxLength: 9 }), str(), ['ok /s/maxLength'], ['breaking /s/maxLength']],
  ['format removed', str({ format: 'uuid' }), str(), ['ok /s/format'], ['breaking /s/format']],
  ['pattern added', str(), str({ pattern: '^a' }), ['breaking /s/pattern'], ['ok /s/pattern']],
  [
    'nested array item enum gains',
    { type: 'array', items: str({ enum: ['x'] }) },
    { type: 'array', items: str({ enum: ['x', 'y'] }) },
    ['ok /s/items/enum'],
    ['breaking /s/items/enum'],
  ],
  ['anyOf loses a branch', { anyOf: [str(), { type: 'integer' }] }, { anyOf: [str()] }, ['breaking /s/anyOf/0/type'], ['ok /s/anyOf/1']],
  [
    'allOf gains a branch with a required property',
    { allOf: [obj({ a: str() })] },
    { allOf: [obj({ a: str() }), obj({ b: str() }, ['b'])] },
    ['breaking /s/properties/b'],
    ['ok /s/properties/b'],
  ],
  ['oneOf gains a branch', { oneOf: [str()] }, { oneOf: [str(), { type: 'integer' }] }, ['ok /s/oneOf/1'], ['breaking /s/oneOf/1/type']],
];

describe('request vs response direction', () => {
  it.each(CASES)('%s', (_edit, base, head, request, response) => {
    expect(verdict(base, head, 'request')).toEqual(request);
    expect(verdict(base, head, 'response')).toEqual(response);
  });

  it('terminates on recursive schemas and still finds changes inside them', () => {
    const tree = (values: string[]) =>
      dereference({
        root: { $ref: '#/$defs/Node' },
        $defs: { Node: { type: 'object', properties: { kind: str({ enum: values }), children: { type: 'array', items: { $ref: '#/$defs/Node' } } } } },
      }).root as Obj;
    expect(verdict(tree(['leaf']), tree(['leaf', 'branch']), 'response')).toEqual(['breaking /$defs/Node/properties/kind/enum']);
  });
});

describe('shared schemas', () => {
  it('reports a change to a shared schema once, where the schema is', () => {
    const pair = (values: string[]) =>
      dereference({
        root: { type: 'object', properties: { region: { $ref: '#/$defs/Region' }, ch: { $ref: '#/$defs/Region' } } },
        $defs: { Region: str({ enum: values }) },
      }).root as Obj;
    expect(verdict(pair(['us']), pair(['us', 'eu']), 'response')).toEqual(['breaking /$defs/Region/enum']);
  });
});
