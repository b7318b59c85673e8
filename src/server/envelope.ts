// Every response body a token endpoint sends comes from its spec: each
// failure outcome is answered with the error example the spec documents for
// it (status and body, read from generated/operation-facts.ts), the token
// with the success shape of the family. One map from outcome to example name
// serves both families; the spec decides the status.
import type { OperationFacts } from '../../generated/operation-facts.js';
import { ConfigError } from '../core/errors.js';
import type { Outcome } from './request-log.js';

export type ErrorOutcome = Exclude<Outcome, 'token' | 'minted' | 'refreshed' | 'reused' | 'guest'>;

/**
 * The spec example that answers each failure: the first name the operation
 * documents wins (a body timeout is a 408 where the spec has one, else the
 * 400). `rate-limited` is the first example of the documented 429.
 */
const OUTCOME_EXAMPLES: Record<ErrorOutcome, readonly string[] | 429> = {
  'not-found': ['not_found'],
  unauthorized: ['unauthorized'],
  'role-refused': ['unauthorized'],
  'address-refused': ['address_refused'],
  'refresh-unavailable': ['refresh_unavailable'],
  'rate-limited': 429,
  'too-large': ['too_large'],
  'body-timeout': ['body_timeout', 'invalid_body'],
  'invalid-body': ['invalid_body'],
  'upstream-error': ['internal_error', 'internal_server_error'],
  'store-error': ['internal_error', 'internal_server_error'],
  'internal-error': ['internal_error', 'internal_server_error'],
};

// A token must never be cached by a browser or a shared proxy.
const HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

/** A JSON response with the headers every token response needs (no caching, no sniffing). */
export function jsonResponse(status: number, body: unknown, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(body), { status, headers: headers ? { ...HEADERS, ...headers } : HEADERS });
}

type Documented = { status: number; body: unknown };

/**
 * A 429 for a spec that documents none yet: the operation's own 400 envelope
 * with the status's code and words, so the client still gets the API's shape.
 */
function interimTooMany(facts: OperationFacts): Documented | undefined {
  const invalid = facts.errorExamples.invalid_body?.body as { error?: { code?: unknown } } | undefined;
  if (!invalid?.error) return undefined;
  const code = typeof invalid.error.code === 'number' ? 429 : 'rate_limited';
  return { status: 429, body: { ...invalid, error: { code, message: 'Too many requests.' } } };
}

function documented(facts: OperationFacts, outcome: ErrorOutcome): Documented | undefined {
  const names = OUTCOME_EXAMPLES[outcome];
  if (names === 429) {
    const body = facts.errorBodies['429'];
    return body !== undefined ? { status: 429, body } : interimTooMany(facts);
  }
  for (const name of names) if (facts.errorExamples[name]) return facts.errorExamples[name];
  return undefined;
}

/** Answers for the failures an operation can have, checked when the handler is built: a missing example is a setup error. */
export type Envelopes = (outcome: ErrorOutcome, headers?: Record<string, string>) => Response;

export function envelopesFor(operationId: string, facts: OperationFacts, required: readonly ErrorOutcome[]): Envelopes {
  const table = new Map<ErrorOutcome, { status: number; text: string }>();
  for (const outcome of Object.keys(OUTCOME_EXAMPLES) as ErrorOutcome[]) {
    const found = documented(facts, outcome);
    if (found) table.set(outcome, { status: found.status, text: JSON.stringify(found.body) });
    else if (required.includes(outcome))
      throw new ConfigError(`${operationId}: the spec documents no response for ${outcome} (examples ${String(OUTCOME_EXAMPLES[outcome])})`);
  }
  return (outcome, headers) => {
    // An outcome the spec does not document for this operation is still a failure: its 500.
    const { status, text } = table.get(outcome) ?? table.get('internal-error')!;
    return new Response(text, { status, headers: headers ? { ...HEADERS, ...headers } : HEADERS });
  };
}

/**
 * The answer to a method the path has no operation for: the response the
 * spec marks `x-wrong-method` (its first example), else the not-found one.
 */
export function wrongMethodEnvelope(facts: OperationFacts, envelopes: Envelopes): () => Response {
  const status = facts.wrongMethodStatus;
  const body = status === undefined ? undefined : facts.errorBodies[String(status)];
  if (body === undefined) return () => envelopes('not-found');
  const text = JSON.stringify(body);
  return () => new Response(text, { status, headers: HEADERS });
}
