// How the mock behaves like the provider on a valid request that names no
// example: it mints tokens for what was asked (ProCONF claims, a stable
// SignalWire subscriber id, a new conference token on every reset) and, in
// stateful mode, applies the provider's rules to tokens it issued itself.
// Each rule is also described here, for the generated scenario table.
import type { IHttpOperation } from '@stoplight/types';
import { operationFacts } from '../../generated/operation-facts.js';
import { signalWireValidationItem } from './api-errors.js';
import type { MockState } from './state.js';
import { DEMO_PROCONF_SECRET, mintConferenceToken, mintProconfToken, mintSat, proconfTokenOffsets, subscriberIdFor } from './tokens.js';

interface BehaviourInput {
  operation: IHttpOperation;
  body: any;
  pathParams: Record<string, string>;
  /** The status Prism chose (the first 2xx unless a code was forced). */
  status: number;
  /** Stateful rules apply: stateful mode is on and no scenario was forced. */
  stateful: boolean;
  state: MockState;
  nowSeconds: number;
  /** What minted SATs name as their relay (`ch`): the mock itself. */
  relay: string;
}

interface BehaviourReply {
  status: number;
  body: unknown;
  detail: string;
}

interface Rule {
  /** The status the rule answers with. */
  status: number;
  scenario: string;
  trigger: string;
  /** What comes back; a function reads it from the operation (facts its spec example holds). */
  back: string | ((operation: IHttpOperation) => string);
}

/** One row of the scenario table. */
const rule = (status: number, scenario: string, trigger: string, back: Rule['back']): Rule => ({ status, scenario, trigger, back });

/** Seconds as the table says them: `2 h 5 min`, `7 d`. */
function spokenSeconds(seconds: number): string {
  const parts: string[] = [];
  let left = Math.round(seconds);
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['min', 60],
    ['s', 1],
  ] as const) {
    if (left >= size) parts.push(`${Math.floor(left / size)} ${unit}`);
    left %= size;
  }
  return parts.join(' ') || '0 s';
}

export interface Behaviour {
  /** Rows for the scenario table and the reference. */
  rules: Rule[];
  respond(input: BehaviourInput): BehaviourReply | undefined;
}

/** Lifetimes the provider documents (`x-token-lifetimes` of the refresh operation): access and refresh tokens. */
const LIFETIMES = operationFacts.refresh_subscriber_token.tokenLifetimes;

/** The value of one named (or the first) example of a documented status. */
function exampleValue(operation: IHttpOperation, status: number, name?: string): any {
  const examples = operation.responses.find((r) => r.code === String(status))?.contents?.[0]?.examples ?? [];
  const found = examples.find((e) => name === undefined || e.key === name);
  return found && 'value' in found ? found.value : undefined;
}

const firstSuccess = (operation: IHttpOperation) => operation.responses.find((r) => r.code.startsWith('2'))!;

/**
 * The example a minting rule starts from: the first success status's example,
 * when that is the status Prism chose and the example carries a token;
 * otherwise undefined, and the example answers as it is.
 */
function tokenTemplate(input: BehaviourInput): any {
  const template = exampleValue(input.operation, input.status);
  return firstSuccess(input.operation).code === String(input.status) && typeof template?.token === 'string' ? template : undefined;
}

/** The documented 422 example of that name, as the rule's reply. */
function documented422(operation: IHttpOperation, name: string, detail: string): BehaviourReply | undefined {
  const body = exampleValue(operation, 422, name);
  return body === undefined ? undefined : { status: 422, body, detail };
}

function expiredAt(input: BehaviourInput): BehaviourReply | undefined {
  const expireAt = input.body?.expire_at;
  if (!input.stateful || typeof expireAt !== 'number' || expireAt > input.nowSeconds) return undefined;
  return {
    status: 422,
    body: { errors: [signalWireValidationItem('invalid_parameter', 'expire_at', 'expire_at must be in the future')] },
    detail: 'stateful: expire_at is in the past',
  };
}

/** A token pair, the refresh token remembered as issued. */
function issuePair(input: BehaviourInput, template: { token: string; refresh_token: string }, expireAt?: number) {
  const token = mintSat(template.token, input.relay);
  const refresh = mintSat(template.refresh_token, input.relay);
  input.state.issue(token, 'access', expireAt ?? input.nowSeconds + LIFETIMES.token);
  input.state.issue(refresh, 'refresh', input.nowSeconds + LIFETIMES.refresh_token);
  return { token, refresh_token: refresh };
}

const proconf: Behaviour = {
  rules: [
    rule(200, 'token for the request', 'a valid request without `example=` (with or without `code=200`)', (operation) => {
      const { nbfBefore, expAfter } = proconfTokenOffsets(exampleValue(operation, 200)?.data);
      return `an HS256 JWT signed with the demo secret \`${DEMO_PROCONF_SECRET}\`: \`room\` lowercased, \`participantName\`, \`context.user.role\` from the request, \`iat\` now, \`nbf\` = \`iat\` − ${spokenSeconds(nbfBefore)}, \`exp\` = \`iat\` + ${spokenSeconds(expAfter)}`;
    }),
  ],
  respond: (input) => {
    const template = exampleValue(input.operation, input.status)?.data;
    if (input.status !== 200 || typeof template !== 'string') return undefined;
    return { status: 200, body: { error: null, data: mintProconfToken(template, input.body, input.nowSeconds) }, detail: 'minted for the request' };
  },
};

/** The stateful rule both Fabric mint operations share. */
const PAST_EXPIRE_AT = rule(
  422,
  'expire_at in the past (stateful)',
  'a body whose `expire_at` is not in the future',
  '`{"errors":[{"code":"invalid_parameter","attribute":"expire_at",…}]}`',
);

/** A behaviour that mints only where the chosen status's example carries a token (tokenTemplate); elsewhere the example answers. */
function minting(rules: Rule[], mint: (input: BehaviourInput, template: any) => BehaviourReply | undefined): Behaviour {
  return {
    rules,
    respond: (input) => {
      const template = tokenTemplate(input);
      return template ? mint(input, template) : undefined;
    },
  };
}

/** The rule's reply with the status Prism chose. */
const chosen = (input: BehaviourInput, body: unknown, detail: string): BehaviourReply => ({ status: input.status, body, detail });

export const BEHAVIOURS: Record<string, Behaviour> = {
  get_proconf_token: proconf,
  create_proconf_token: proconf,
  reset_conference_token: minting(
    [rule(200, 'new token each reset', 'a valid request without `example=`', 'the `id` from the path and a new `token` string on every call')],
    (input, template) =>
      chosen(input, { ...template, id: input.pathParams.id ?? template.id, token: mintConferenceToken(template.token) }, 'new conference token'),
  ),
  create_subscriber_token: minting(
    [
      rule(
        200,
        'tokens for the reference',
        'a valid request without `example=`',
        '`subscriber_id` stable per `reference`; a new `token` and `refresh_token` each call',
      ),
      PAST_EXPIRE_AT,
    ],
    (input, template) =>
      expiredAt(input) ??
      chosen(
        input,
        { subscriber_id: subscriberIdFor(String(input.body.reference)), ...issuePair(input, template, input.body.expire_at) },
        'tokens minted for the reference',
      ),
  ),
  create_subscriber_guest_token: minting(
    [rule(201, 'new guest tokens', 'a valid request without `example=`', 'a new `token` and `refresh_token` each call'), PAST_EXPIRE_AT],
    (input, template) => expiredAt(input) ?? chosen(input, issuePair(input, template, input.body.expire_at), 'guest tokens minted'),
  ),
  refresh_subscriber_token: minting(
    [
      rule(
        201,
        'refresh once',
        'a valid request without `example=`; a `refresh_token` this mock issued works on its first use',
        'a new token pair (new strings each call); an issued refresh token is then spent',
      ),
      rule(
        422,
        'refresh token reused or expired (stateful)',
        `the same issued \`refresh_token\` again, or after its ${spokenSeconds(LIFETIMES.refresh_token)}`,
        'the documented `token_expired` example',
      ),
      rule(422, 'access token sent (stateful)', 'an access `token` this mock issued, in `refresh_token`', 'the documented `not_a_refresh_token` example'),
    ],
    (input, template) => {
      const sent = String(input.body.refresh_token);
      const issued = input.state.lookup(sent);
      if (input.stateful && issued?.kind === 'access')
        return documented422(input.operation, 'not_a_refresh_token', 'stateful: an access token is not a refresh token');
      if (input.stateful && issued && (issued.used || issued.expiresAt <= input.nowSeconds)) {
        return documented422(input.operation, 'token_expired', `stateful: this refresh token was ${issued.used ? 'already used' : 'past its lifetime'}`);
      }
      if (issued) input.state.markUsed(sent);
      return chosen(input, issuePair(input, template), issued ? 'refreshed; the old refresh token is spent' : 'refreshed');
    },
  ),
};

/** What a rule says comes back, for the scenario table and the reference. */
export const ruleBack = (rule: Rule, operation: IHttpOperation): string => (typeof rule.back === 'function' ? rule.back(operation) : rule.back);
