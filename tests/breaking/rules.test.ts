// Every breaking and non-breaking class, one fixture pair each, loaded and
// diffed in-process through the gate's own loader.
import { describe, expect, it } from 'vitest';
import { diffFixture, fixtureNames } from './fixtures.ts';

const GET_200 = '/paths/~1things/get/responses/200/content/application~1json/schema';
const POST_BODY = '/paths/~1things/post/requestBody/content/application~1json/schema';
const WEBHOOK = '/webhooks/tokenRevoked/post';
const CALLBACK = '/paths/~1subscriptions/post/callbacks/roomEnded/{$request.body#~1callback_url}/post';

// [fixture, operation, pointer, reason]
const BREAKING: Array<[string, string, string, RegExp]> = [
  ['removed-path', 'GET /legacy', '/paths/~1legacy', /path removed/],
  ['removed-method', 'DELETE /things', '/paths/~1things/delete', /operation removed/],
  ['removed-success-status', 'POST /things', '/paths/~1things/post/responses/200', /success status 200 removed/],
  [
    'success-status-as-range-widened',
    'GET /things',
    '/paths/~1things/get/responses/2XX/content/application~1json/schema/properties/id',
    /response property `id` made optional/,
  ],
  ['removed-response-property', 'GET /things', '/components/schemas/Thing/properties/colour', /response property `colour` removed/],
  ['renamed-response-property', 'GET /things', `${GET_200}/properties/name`, /removed \(renamed to `display_name`\?\)/],
  ['response-property-optional', 'GET /things', `${GET_200}/properties/token`, /made optional/],
  ['response-property-nullable', 'GET /things', `${GET_200}/properties/token/type`, /made nullable/],
  ['response-type-changed', 'GET /things', `${GET_200}/properties/expires/type`, /response type changed `integer` → `string`/],
  ['response-enum-gained-value', 'GET /things', `${GET_200}/properties/state/enum`, /gained `suspended`.*exhaustive switch/],
  ['new-required-request-property', 'POST /things', `${POST_BODY}/properties/reference`, /new required request property `reference`/],
  ['request-property-became-required', 'POST /things', `${POST_BODY}/properties/reference`, /became required/],
  ['new-required-query-parameter', 'GET /things', '/paths/~1things/get/parameters/1', /new required query parameter `space`/],
  ['query-parameter-moved-to-header', 'POST /things', '/paths/~1things/post/parameters/0', /query parameter `dry_run` removed/],
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
  ['security-scheme-redefined', 'GET /things', '/security', /alternative key no longer enough \(`key` now defined differently\)/],
  ['changed-server-base-path', '*', '/servers/0/url', /base path changed from `\/api\/v1` to `\/api\/v2`/],
  ['path-servers-base-path-changed', 'POST /uploads', '/paths/~1uploads/servers/0/url', /base path changed from `\/v1` to `\/v2`: the operation's URL moves/],
  ['server-variable-base-path-changed', '*', '/servers/0/url', /base path changed from `\/v1` to `\/v2`/],
  // JSON Schema 2020-12 keywords, with the request/response direction rules.
  ['request-prefix-items-narrowed', 'POST /things', `${POST_BODY}/prefixItems/1/type`, /request type narrowed `integer \| string` → `integer`/],
  ['request-min-contains-raised', 'POST /things', `${POST_BODY}/minContains`, /request minContains 2 added/],
  ['request-dependent-required-added', 'POST /things', `${POST_BODY}/dependentRequired/card`, /`card` requires `cvc`/],
  ['response-dependent-schema-widened', 'GET /things', `${GET_200}/dependentSchemas/kind/properties/level/enum`, /response enum removed/],
  ['request-conditional-changed', 'POST /things', `${POST_BODY}/if`, /conditional \(`if`\) changed/],
  ['request-property-names-added', 'POST /things', `${POST_BODY}/propertyNames/pattern`, /request pattern `\^\[a-z\]\+\$` added/],
  ['response-pattern-properties-widened', 'GET /things', `${GET_200}/patternProperties/^x-/type`, /response type changed `string` → `any`/],
  ['request-unevaluated-properties-closed', 'POST /things', `${POST_BODY}/unevaluatedProperties`, /no longer accepts unknown properties/],
  ['response-unevaluated-items-widened', 'GET /things', `${GET_200}/unevaluatedItems/type`, /response type changed `integer` → `any`/],
  ['response-content-encoding-changed', 'GET /things', `${GET_200}/properties/avatar/contentEncoding`, /contentEncoding changed from `none` to `base64`/],
  ['request-content-schema-narrowed', 'POST /things', `${POST_BODY}/properties/payload/contentSchema/properties/id`, /new required request property `id`/],
  // Webhooks, defaults, map values.
  ['removed-webhook', 'webhook roomEnded POST', '/webhooks/roomEnded', /webhook removed/],
  // Webhooks and callbacks: the API sends the request and the consumer answers, so the data flows the other way.
  [
    'webhook-payload-property-removed',
    'webhook tokenRevoked POST',
    `${WEBHOOK}/requestBody/content/application~1json/schema/properties/reason`,
    /property `reason` removed/,
  ],
  [
    'webhook-response-property-required',
    'webhook tokenRevoked POST',
    `${WEBHOOK}/responses/200/content/application~1json/schema/properties/ack`,
    /`ack` became required/,
  ],
  ['callback-removed', 'callback roomEnded POST of POST /subscriptions', CALLBACK, /callback removed: subscribers no longer get these calls/],
  [
    'callback-cycle-bound-lowered',
    'POST /subscriptions',
    '/paths/~1subscriptions/post/requestBody/content/application~1json/schema/properties/name/maxLength',
    /maxLength lowered from 10 to 5/,
  ],
  [
    'callback-payload-enum-gained',
    'callback roomEnded POST of POST /subscriptions',
    `${CALLBACK}/requestBody/content/application~1json/schema/properties/state/enum`,
    /gained `failed`/,
  ],
  ['response-map-value-type-changed', 'GET /things', `${GET_200}/additionalProperties/type`, /response type changed `integer` → `string`/],
  // oneOf wrapping, compared branch by branch with the best counterpart.
  ['response-wrapped-in-one-of-with-null', 'GET /things', `${GET_200}/properties/state/oneOf/1/type`, /response value made nullable/],
  ['request-wrapped-in-one-of-narrower', 'POST /things', `${POST_BODY}/properties/state/oneOf/0/enum`, /`ended` no longer accepted/],
  // Bodies, media types, headers.
  ['removed-request-body', 'POST /things', '/paths/~1things/post/requestBody', /request body removed/],
  [
    'request-media-type-family-changed',
    'PATCH /things',
    '/paths/~1things/patch/requestBody/content/application~1merge-patch+json',
    /`application\/json` now `application\/merge-patch\+json`: the server may refuse/,
  ],
  ['response-header-optional', 'GET /things', '/paths/~1things/get/responses/200/headers/X-Request-Id/required', /made optional/],
  // OpenAPI 3.0 forms.
  ['openapi30-response-nullable', 'GET /things', `${GET_200}/properties/ended_at/type`, /response value made nullable `string` → `string \| null`/],
  ['openapi30-response-all-of-made-nullable', 'GET /things', `${GET_200}/properties/owner/type`, /response value made nullable `object` → `object \| null`/],
  ['openapi30-exclusive-minimum', 'POST /things', `${POST_BODY}/properties/ttl/exclusiveMinimum`, /exclusiveMinimum 1 added/],
  [
    'openapi30-response-exclusive-maximum-dropped',
    'GET /things',
    `${GET_200}/properties/score/maximum`,
    /response maximum 20 added, replacing exclusiveMaximum 20/,
  ],
  // Serialisation: the same value, other bytes on the wire.
  ['query-parameter-style-changed', 'GET /things', '/paths/~1things/get/parameters/0/style', /style changed from `form` to `pipeDelimited`/],
  ['query-parameter-explode-changed', 'GET /things', '/paths/~1things/get/parameters/0/explode', /explode changed from `true` to `false`/],
  ['query-parameter-allow-empty-value-dropped', 'GET /things', '/paths/~1things/get/parameters/0/allowEmptyValue', /allowEmptyValue dropped/],
  ['query-parameter-allow-reserved-dropped', 'GET /things', '/paths/~1things/get/parameters/0/allowReserved', /allowReserved dropped/],
  [
    'query-parameter-schema-to-content',
    'GET /things',
    '/paths/~1things/get/parameters/0/content',
    /`filter` now written as `application\/json` instead of style `form`/,
  ],
  [
    'response-header-content-type-changed',
    'GET /things',
    '/paths/~1things/get/responses/200/headers/X-Rate/content/text~1plain/schema/type',
    /response type changed `integer` → `string`/,
  ],
  ['response-header-explode-changed', 'GET /things', '/paths/~1things/get/responses/200/headers/X-Rate/explode', /response header `X-Rate` explode changed/],
  // A form body's per-field encoding: content type, part headers, urlencoded serialisation.
  [
    'request-form-field-content-type-changed',
    'POST /things',
    '/paths/~1things/post/requestBody/content/multipart~1form-data/encoding/meta/contentType',
    /form field `meta` content type `application\/json` now `application\/xml`/,
  ],
  [
    'request-part-header-required-added',
    'POST /things',
    '/paths/~1things/post/requestBody/content/multipart~1form-data/encoding/meta/headers/X-Checksum',
    /new required part header `X-Checksum`/,
  ],
  [
    'request-form-field-style-changed',
    'POST /things',
    '/paths/~1things/post/requestBody/content/application~1x-www-form-urlencoded/encoding/tags/style',
    /form field `tags` style changed from `form` to `pipeDelimited`/,
  ],
  [
    'webhook-response-header-required-added',
    'webhook tokenRevoked POST',
    `${WEBHOOK}/responses/200/headers/X-Receipt`,
    /new required response header `X-Receipt`: existing senders do not send it/,
  ],
  // multipleOf, uniqueItems, dependentSchemas.
  ['request-multiple-of-raised', 'POST /things', `${POST_BODY}/properties/amount/multipleOf`, /multipleOf changed from 10 to 20/],
  ['request-unique-items-added', 'POST /things', `${POST_BODY}/properties/tags/uniqueItems`, /must now be unique/],
  ['request-dependent-schemas-added', 'POST /things', `${POST_BODY}/dependentSchemas/card/required`, /request now requires `cvc`/],
  // Discriminators, and the Pet pattern (oneOf of branches that allOf back to Pet).
  ['request-discriminator-branch-removed', 'POST /pets', '/components/schemas/Pet/oneOf/2', /discriminator value `Lizard`/],
  ['request-discriminator-property-changed', 'POST /pets', '/components/schemas/Pet/discriminator/propertyName', /from `petType` to `kind`/],
  [
    'request-discriminator-mapping-changed',
    'POST /pets',
    '/components/schemas/Pet/discriminator/mapping/cat',
    /`cat` now maps to `#\/components\/schemas\/Dog`/,
  ],
  // Composition as clients see it; a shared component judged where it is a request.
  ['request-one-of-branch-removed', 'POST /things', `${POST_BODY}/oneOf/1`, /request alternative removed/],
  ['response-one-of-branch-added', 'GET /things', `${GET_200}/oneOf/1/properties/name`, /response property `name` removed/],
  ['request-all-of-pattern-branch-added', 'POST /things', `${POST_BODY}/properties/id/pattern`, /request pattern changed/],
  ['request-any-of-to-one-of-overlapping', 'POST /things', `${POST_BODY}/oneOf/0`, /payloads matching both are now rejected/],
  ['request-body-wrapped-in-one-of', 'POST /things', `${POST_BODY}/oneOf/1`, /overlaps another/],
  ['shared-component-pattern-added', 'POST /things', '/components/schemas/Thing/properties/code/pattern', /request pattern `\^\[A-Z\]\{3\}\$` added/],
  // `not`: a request rejecting more, a response excluding less (its schema judged the other way round).
  ['request-not-added', 'POST /things', `${POST_BODY}/properties/name/not`, /request `not` added/],
  ['request-not-widened', 'POST /things', `${POST_BODY}/properties/name/not`, /request `not` now excludes more values/],
  ['request-all-of-not-branch-added', 'POST /things', `${POST_BODY}/properties/name/not`, /request `not` now excludes more values/],
  ['response-not-removed', 'GET /things', `${GET_200}/properties/name/not`, /response `not` removed/],
  ['response-not-narrowed', 'GET /things', `${GET_200}/properties/state/not`, /response `not` now excludes fewer values/],
  // Security: a requirement asking for more.
  ['security-scope-added', 'GET /things', '/paths/~1things/get/security', /oauth \[read\] no longer enough/],
  ['security-scheme-renamed-and-changed', 'GET /things', '/security', /key no longer enough \(changed from key to apiKey/],
  // Server variables: the values clients may configure.
  ['server-variable-enum-narrowed', '*', '/servers/0/variables/region/enum', /`region` no longer offers `us`/],
  ['server-variable-closed', '*', '/servers/0/variables/tenant/enum', /`tenant` now limited to `acme`, `globex`/],
];

// Fixtures whose one edit is breaking in more than one place: [fixture, pointers].
const MULTI_BREAKING: Array<[string, string[]]> = [
  ['request-media-type-schema-added', [`${POST_BODY}/type`, `${POST_BODY}/properties/name`]],
  ['request-then-narrowed', [`${POST_BODY}/then/properties/cvc`, `${POST_BODY}/then/properties/expiry`]],
  ['ref-chain-bound-lowered', ['/components/schemas/S3/properties/name/maxLength', '/components/schemas/Tree/properties/label']],
  [
    'ref-other-file-changed',
    ['schemas/pet.yaml#/Pet/properties/name/maxLength', 'schemas/pet.yaml#/Tag/maxLength', 'common.yaml#/components/schemas/Receipt/properties/id'],
  ],
];

// [fixture, pointers of the non-breaking changes it must still report]
const NON_BREAKING: Array<[string, string[]]> = [
  ['added-optional-request-property', [`${POST_BODY}/properties/display_name`]],
  ['added-response-property', [`${GET_200}/properties/created_at`]],
  ['added-operation', ['/paths/~1things/post', '/paths/~1things~1refresh/post']],
  ['added-error-status', ['/paths/~1things/post/responses/429']],
  ['docs-only', []],
  ['reordered-keys', []],
  ['read-only-required-property', ['/components/schemas/Thing/properties/id']],
  ['write-only-optional-property', []],
  ['response-pattern-loosened', [`${GET_200}/properties/id/pattern`, `${GET_200}/properties/sid/pattern`]],
  [
    'structured-media-types',
    ['/paths/~1things/post/requestBody/content/application~1json; charset=utf-8', '/paths/~1things/post/responses/400/content/application~1problem+json'],
  ],
  ['renamed-path-parameter', ['/paths/~1books~1{id}', '/paths/~1books~1{id}/get/parameters/0']],
  ['response-any-of-subsumed-branch', [`${GET_200}/anyOf/2/maxLength`]],
  ['request-all-of-optional-branch', [`${POST_BODY}/properties/note`]],
  ['reordered-one-of', []],
  ['request-any-of-to-one-of-disjoint', []],
  ['boolean-subschemas', []],
  ['openapi30-to-31-equivalent', []],
  ['openapi30-to-31-file-upload', []],
  // 3.0 ignores a $ref's siblings; `allOf: [$ref], nullable: true` is 3.1's `oneOf: [$ref, {type: 'null'}]`.
  ['openapi30-ref-sibling-ignored', []],
  ['openapi30-nullable-reference-to-31', []],
  ['type-list-and-one-of-with-null', []],
  ['ignored-headers', []],
  // `schema` → `content: text/plain` for a plain string: the same bytes; the schema is seen (it moved).
  ['header-parameter-schema-to-text-content', ['/paths/~1things/get/parameters/0/schema/type', '/paths/~1things/get/parameters/0/content/text~1plain']],
  ['success-status-as-range', ['/paths/~1things/get/responses/2XX']],
  [
    'format-widened-request-narrowed-response',
    [
      `${POST_BODY}/properties/count/format`,
      `${POST_BODY}/properties/weight/format`,
      '/paths/~1things/post/responses/200/content/application~1json/schema/properties/id/format',
    ],
  ],
  ['vacuous-lower-bounds', []],
  ['openapi30-request-exclusive-maximum-dropped', [`${POST_BODY}/properties/score/maximum`]],
  ['request-form-field-default-style-spelled-out', []],
  ['request-multiple-of-lowered', [`${POST_BODY}/properties/amount/multipleOf`]],
  ['pet-pattern-branch-added-to-request', ['/components/schemas/Pet/oneOf/2']],
  ['request-not-removed', [`${POST_BODY}/properties/name/not`]],
  ['request-not-narrowed', [`${POST_BODY}/properties/name/not`]],
  ['response-not-added', [`${GET_200}/properties/name/not`]],
  // Security requirements are alternatives (OR) of sets (AND): each of these loosens.
  ['security-alternative-added', ['/paths/~1things/get/security']],
  ['security-scheme-dropped-from-requirement', ['/paths/~1things/get/security']],
  ['security-scope-removed', ['/paths/~1things/get/security']],
  // Header names ignore case; a rename of a scheme defined the same way is a warning, the requirements matched through it.
  ['security-api-key-header-name-case', []],
  ['security-scheme-renamed', ['/components/securitySchemes/apiKey', '/components/securitySchemes/clientCredentials']],
  ['openid-connect-url-changed', ['/components/securitySchemes/oidc/openIdConnectUrl']],
  // A request default is a warning by default (the request-default-changed rule): listed, not failing.
  ['request-default-changed', ['/paths/~1things/get/parameters/0/schema/default']],
  ['request-property-default-added', [`${POST_BODY}/properties/privacy/default`]],
  // A webhook's payload is read by its receivers: narrowing it is fine.
  ['webhook-request-body-required', [`${WEBHOOK}/requestBody/required`]],
  ['webhook-payload-required-property-added', [`${WEBHOOK}/requestBody/content/application~1json/schema/properties/revoked_at`]],
];

describe('breaking changes', () => {
  it('has a test for every fixture pair on disk', () => {
    expect(fixtureNames('breaking')).toEqual([...BREAKING, ...MULTI_BREAKING].map(([name]) => name).sort());
    expect(fixtureNames('non-breaking')).toEqual(NON_BREAKING.map(([name]) => name).sort());
  });

  it('a request schema shared with a response is still judged as a request (and the response side listed)', () => {
    // One place in the document, two uses: the component's pointer, and `via` tells the uses apart.
    expect(diffFixture('breaking', 'shared-component-pattern-added').map((c) => `${c.level} ${c.pointer} via ${c.via}`)).toEqual([
      `breaking /components/schemas/Thing/properties/code/pattern via ${POST_BODY}`,
      'info /components/schemas/Thing/properties/code/pattern via /paths/~1things/post/responses/200/content/application~1json/schema',
    ]);
  });

  it("a change inside a chain of $ref components (or a recursive one) is at its component, via the operation's use", () => {
    const changes = diffFixture('breaking', 'ref-chain-bound-lowered').filter((c) => c.breaking);
    expect(changes.map((c) => [c.operation, c.pointer, c.via])).toEqual([
      ['POST /a', '/components/schemas/S3/properties/name/maxLength', '/paths/~1a/post/requestBody/content/application~1json/schema'],
      ['POST /a', '/components/schemas/Tree/properties/label', '/paths/~1a/post/responses/200/content/application~1json/schema'],
    ]);
  });

  it("a change in a schema in another file is at that file and pointer, via the operation's use", () => {
    const changes = diffFixture('breaking', 'ref-other-file-changed').filter((c) => c.breaking);
    expect(changes.map((c) => [c.pointer, c.via])).toEqual([
      ['schemas/pet.yaml#/Pet/properties/name/maxLength', '/paths/~1pets/post/requestBody/content/application~1json/schema'],
      ['schemas/pet.yaml#/Tag/maxLength', '/paths/~1pets/post/requestBody/content/application~1json/schema'],
      ['common.yaml#/components/schemas/Receipt/properties/id', '/paths/~1pets/post/responses/200/content/application~1json/schema'],
    ]);
  });

  it.each(BREAKING)('%s: flags %s at %s', (name, operation, pointer, reason) => {
    const breaking = diffFixture('breaking', name).filter((c) => c.breaking);
    expect(breaking.map((c) => [c.api, c.operation, c.pointer])).toEqual([['fixture', operation, pointer]]);
    expect(breaking[0]!.reason).toMatch(reason);
  });

  it.each(MULTI_BREAKING)('%s: flags every place', (name, pointers) => {
    expect(
      diffFixture('breaking', name)
        .filter((c) => c.breaking)
        .map((c) => c.pointer),
    ).toEqual(pointers);
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
