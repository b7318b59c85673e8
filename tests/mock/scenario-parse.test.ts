// Reading the requested scenario from the Prefer header and the query.
import { describe, expect, it } from 'vitest';
import { parsePrefer, readScenario, ScenarioError } from '../../src/mock/scenario.ts';

describe('scenario selection', () => {
  it('parses RFC 7240 preferences with either separator and optional quotes', () => {
    expect(parsePrefer('code=422, example="token_expired"; wait=5')).toEqual({ code: '422', example: 'token_expired', wait: '5' });
    expect(parsePrefer(undefined)).toEqual({});
  });

  it('takes each value from the header first, then the query', () => {
    expect(readScenario('example=member', { __code: '200', __example: 'token' })).toEqual({ code: 200, example: 'member' });
    expect(readScenario(undefined, { __example: ['unnamed', 'reset'] })).toEqual({ example: 'unnamed' });
    expect(readScenario(undefined, {})).toEqual({});
  });

  it('refuses a status that is not three digits', () => {
    expect(() => readScenario('code=4040', {})).toThrow(ScenarioError);
    expect(() => readScenario(undefined, { __code: 'abc' })).toThrow(/3-digit/);
  });
});
