// The one media-type check: what each caller (handlers strict, mock/verify with
// +json suffixes, the gate's lenient reading of content keys) recognises.
import { describe, expect, it } from 'vitest';
import { isJsonMediaType, parseMediaType } from '../../src/core/media-type.ts';

describe('isJsonMediaType', () => {
  it.each(['application/json', 'Application/JSON', 'application/json; charset=utf-8', 'application/json;charset="utf-8"'])('accepts %s', (v) => {
    expect(isJsonMediaType(v)).toBe(true);
  });
  it.each([
    null,
    undefined,
    '',
    'text/plain',
    'application/jsonp',
    'application/json-seq',
    'application/problem+json',
    'application/json; =bad',
    'application /json',
  ])('refuses %s without suffix', (v) => {
    expect(isJsonMediaType(v)).toBe(false);
  });
  it('accepts a +json structured type only with suffix', () => {
    expect(isJsonMediaType('application/problem+json', { suffix: true })).toBe(true);
    expect(isJsonMediaType('application/vnd.x+json; charset=utf-8', { suffix: true })).toBe(true);
    expect(isJsonMediaType('text/x+json', { suffix: true })).toBe(false);
  });
});

describe('parseMediaType', () => {
  it('splits the suffix and lower-cases', () => {
    expect(parseMediaType('Application/Problem+JSON; charset=utf-8')).toEqual({ type: 'application', subtype: 'problem+json', suffix: 'json' });
  });
  it('reads an invalid value as written unless strict', () => {
    expect(parseMediaType('application/json; =x')).toEqual({ type: 'application', subtype: 'json' });
    expect(parseMediaType('application/json; =x', true)).toBeUndefined();
  });
});
