import { describe, expect, it } from 'vitest';
import { contenders } from '../../bench/contenders.ts';
import { assertToken, stubFetch } from '../../bench/fixtures.ts';

describe('bench contenders', () => {
  it('every contender performs the guest token POST and returns the token', async () => {
    const list = contenders({ name: 'stub', fetch: stubFetch, baseUrl: 'http://127.0.0.1:9' });
    expect(list.map((c) => c.name)).toHaveLength(6);
    for (const c of list) assertToken(await c.call(), c.name);
  });

  it('refuses a contender result without the token, so a broken contender cannot look fast', () => {
    expect(() => assertToken({ token: 'other' }, 'x')).toThrow(/x did not return the guest token/);
    expect(() => assertToken(undefined, 'y')).toThrow(/y did not return/);
  });
});
