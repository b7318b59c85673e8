// What "realistic data" means for a served body: no placeholder strings,
// RFC 4122 uuids, SAT tokens shaped as compact JWE, ProCONF tokens as HS256
// JWTs with the documented claims. Returns the problems found.
const UUID_LIKE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RFC4122 = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export const decodeSegment = (segment: string): any => JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));

/** Access tokens carry `typ: "SAT"`, refresh tokens `typ: "Refresh"`, as in SignalWire's definition. */
function satProblems(token: string, typ: 'SAT' | 'Refresh', local: boolean): string[] {
  const parts = token.split('.');
  if (parts.length !== 5 || parts[1] !== '') return [`not a compact JWE with direct key agreement: ${token.slice(0, 20)}…`];
  const header = decodeSegment(parts[0]!);
  // `@signalwire/js` dials the relay a token names in `ch`: a mock token must never name SignalWire's.
  if (local && typeof header.ch === 'string' && /signalwire\.com/i.test(header.ch)) return [`${typ} token sends the SDK to ${header.ch}`];
  return header.alg === 'dir' && header.enc === 'A256GCM' && header.typ === typ ? [] : [`${typ} token header is ${JSON.stringify(header)}`];
}

/** A spec example as the mock serves it: each SAT's relay (`ch`) names the mock (`ws://` + its host), nothing else changes. */
export function servedExample(example: unknown, mockUrl: string): unknown {
  if (!example || typeof example !== 'object' || Array.isArray(example)) return example;
  const relay = `ws://${new URL(mockUrl).host}`;
  return Object.fromEntries(
    Object.entries(example).map(([k, v]) => {
      if (typeof v !== 'string' || !v.startsWith('eyJ')) return [k, v];
      const [head, ...rest] = v.split('.');
      const header = decodeSegment(head!);
      return 'ch' in header ? [k, [Buffer.from(JSON.stringify({ ...header, ch: relay })).toString('base64url'), ...rest].join('.')] : [k, v];
    }),
  );
}

function proconfJwtProblems(token: string): string[] {
  const [h, p, s] = token.split('.');
  if (!h || !p || !s) return ['not a three-part JWT'];
  const header = decodeSegment(h);
  const claims = decodeSegment(p);
  const problems: string[] = [];
  if (header.alg !== 'HS256' || header.typ !== 'JWT') problems.push(`header is ${JSON.stringify(header)}`);
  for (const name of ['room', 'participantName']) if (typeof claims[name] !== 'string' || !claims[name]) problems.push(`claim ${name} missing`);
  if (typeof claims.context?.user?.role !== 'string') problems.push('claim context.user.role missing');
  if (!(claims.nbf < claims.iat && claims.iat < claims.exp)) problems.push('nbf < iat < exp does not hold');
  return problems;
}

/**
 * Walks a served body; `api` tells which token format its `token` fields use.
 * `local` (default): SATs must name a relay that is not SignalWire's (a named
 * example is served verbatim, with the spec's relay).
 */
export function realismProblems(body: unknown, api: string, key = '', local = true): string[] {
  if (typeof body === 'string') {
    if (body === 'string') return [`placeholder "string" at ${key}`];
    if (UUID_LIKE.test(body) && !RFC4122.test(body)) return [`${key} is not an RFC 4122 uuid: ${body}`];
    if (api.startsWith('signalwire-') && /(^|_)token$/.test(key) && body.startsWith('eyJ'))
      return satProblems(body, key === 'refresh_token' ? 'Refresh' : 'SAT', local);
    if (api.startsWith('proconf-') && key === 'data') return proconfJwtProblems(body);
    return [];
  }
  if (Array.isArray(body)) return body.flatMap((v) => realismProblems(v, api, key, local));
  if (body && typeof body === 'object') return Object.entries(body).flatMap(([k, v]) => realismProblems(v, api, k, local));
  return [];
}
