// Every breaking and non-breaking class of the issue, one fixture pair each,
// diffed in-process.
import { describe, expect, it } from 'vitest';
import { diffFixture, fixtureNames } from './fixtures.ts';

const GET_200 = '/paths/~1things/get/responses/200/content/application~1json/schema';
const POST_BODY = '/paths/~1things/post/requestBody/content/application~1json/schema';

// [fixture, operation, pointer, reason]
const BREAKING: Array<[string, string, string, RegExp]> = [
  ['removed-path', 'GET /legacy', '/paths/~1legacy', /path removed/],
  ['removed-method', 'DELETE /things', '/paths/~1things/delete', /operation removed/],
  ['removed-success-status', 'POST /things', '/paths/~1things/post/responses/200', /success status 200 removed/],
  ['removed-response-property', 'GET /things', `${GET_200}/properties/colour`, /response property `colour` removed/],
  ['renamed-response-property', 'GET /things', `${GET_200}/properties/name`, /removed \(renamed to `display_name`\?\)/],
  ['response-property-optional', 'GET /things', `${GET_200}/properties/token`, /made optional/],
  ['response-property-nullable', 'GET /things', `${GET_200}/properties/token/type`, /made nullable/],
  ['response-type-changed', 'GET /things', `${GET_200}/properties/expires/type`, /response type changed `integer` → `string`/],
  ['response-enum-gained-value', 'GET /things', `${GET_200}/properties/state/enum`, /gained `suspended`.*exhaustive switch/],
  ['new-required-request-property', 'POST /things', `${POST_BODY}/properties/reference`, /new required request property `reference`/],
  ['request-property-became-required', 'POST /things', `${POST_BODY}/properties/reference`, /became required/],
  ['new-required-query-parameter', 'GET /things', '/paths/~1things/get/parameters/1', /new required query parameter `space`/],
  ['new-required-header', 'POST /things', '/paths/~1things/post/parameters/0', /new required header parameter `Idempotency-Key`/],
  ['narrowed-request-type', 'POST /things', `${POST_BODY}/properties/amount/type`, /request type narrowed `number` → `integer`/],
  ['narrowed-request-enum', 'POST /things', `${POST_BODY}/properties/region/enum`, /`eu-west` no longer accepted/],
  ['lower-max-length', 'POST /things', `${POST_BODY}/properties/name/maxLength`, /maxLength lowered from 64 to 32/],
  ['lower-max-items', 'POST /things', `${POST_BODY}/properties/tags/maxItems`, /maxItems lowered from 10 to 5/],
  ['higher-min-length', 'POST /things', `${POST_BODY}/properties/name/minLength`, /minLength raised from 1 to 3/],
  ['higher-min-items', 'POST /things', `${POST_BODY}/properties/tags/minItems`, /minItems 1 added/],
  ['new-request-pattern', 'POST /things', `${POST_BODY}/properties/fingerprint/pattern`, /pattern `\^\[A-Za-z0-9_-\]\+\$` added/],
  ['stricter-request-pattern', 'POST /things', `${POST_BODY}/properties/fingerprint/pattern`, /pattern changed/],
  ['new-request-format', 'POST /things', `${POST_BODY}/properties/application_id/format`, /format `uuid` added/],
  ['changed-security', 'POST /things', '/paths/~1things/post/security', /basic.*to bearer/],
  ['changed-server-base-path', '*', '/servers/0/url', /base path changed from `\/api\/v1` to `\/api\/v2`/],
];

// [fixture, pointers of the non-breaking changes it must still report]
const NON_BREAKING: Array<[string, string[]]> = [
  ['added-optional-request-property', [`${POST_BODY}/properties/display_name`]],
  ['added-response-property', [`${GET_200}/properties/created_at`]],
  ['added-operation', ['/paths/~1things/post', '/paths/~1things~1refresh/post']],
  ['added-error-status', ['/paths/~1things/post/responses/429']],
  ['docs-only', []],
  ['reordered-keys', []],
];

describe('breaking changes', () => {
  it('has a test for every fixture pair on disk', () => {
    expect(fixtureNames('breaking')).toEqual(BREAKING.map(([name]) => name).sort());
    expect(fixtureNames('non-breaking')).toEqual(NON_BREAKING.map(([name]) => name).sort());
  });

  it.each(BREAKING)('%s: flags %s at %s', (name, operation, pointer, reason) => {
    const breaking = diffFixture('breaking', name).filter((c) => c.breaking);
    expect(breaking.map((c) => [c.api, c.operation, c.pointer])).toEqual([['fixture', operation, pointer]]);
    expect(breaking[0]!.reason).toMatch(reason);
  });
});

describe('non-breaking changes', () => {
  it.each(NON_BREAKING)('%s passes', (name, expected) => {
    const changes = diffFixture('non-breaking', name);
    expect(changes.filter((c) => c.breaking)).toEqual([]);
    // The change is seen and listed, just not as breaking (nothing at all for
    // docs-only edits and reordered keys).
    expect(changes.map((c) => c.pointer)).toEqual(expected);
  });
});
