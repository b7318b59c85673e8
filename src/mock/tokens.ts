// Tokens the mock mints for a request instead of replaying one example: a
// ProCONF HS256 JWT carrying the requested claims, SignalWire SAT strings
// (opaque compact JWE), and a subscriber id that is stable per reference.
// The claim layout and lifetimes are read from the spec's own example token;
// the relay a SAT names is the mock's own.
import { createHash, createHmac, randomBytes } from 'node:crypto';

/** The HS256 secret of every ProCONF token the mock signs (documented in the spec's examples). */
export const DEMO_PROCONF_SECRET = 'rtc-token-apis-demo-secret';

const b64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');
const decode = (segment: string): Record<string, any> => JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));

export interface ProconfRequest {
  role: string;
  room: string;
  participantName: string;
}

/**
 * A token for this request, shaped like `template` (the spec's example):
 * same header and fixed claims, the same nbf/exp offsets around `iat`, the
 * room lowercased as the example's `testRoom` -> `testroom` shows.
 */
const templates = new Map<string, { header: string; claims: Record<string, any> }>();

export function mintProconfToken(template: string, request: ProconfRequest, nowSeconds: number): string {
  const iat = Math.floor(nowSeconds);
  // The same request within one second gets the same token: it is built and signed once.
  if (
    last &&
    last.template === template &&
    last.iat === iat &&
    last.role === request.role &&
    last.room === request.room &&
    last.participantName === request.participantName
  )
    return last.token;
  let parsed = templates.get(template);
  if (!parsed) {
    const [header, payload] = template.split('.');
    parsed = { header: header!, claims: decode(payload!) };
    templates.set(template, parsed);
  }
  const { header, claims } = parsed;
  const minted = {
    ...claims,
    room: request.room.toLowerCase(),
    nbf: iat - (claims.iat - claims.nbf),
    context: { ...claims.context, user: { ...claims.context?.user, role: request.role } },
    participantName: request.participantName,
    iat,
    exp: iat + (claims.exp - claims.iat),
  };
  const signed = `${header}.${b64url(JSON.stringify(minted))}`;
  const token = `${signed}.${createHmac('sha256', DEMO_PROCONF_SECRET).update(signed).digest('base64url')}`;
  last = { template, iat, role: request.role, room: request.room, participantName: request.participantName, token };
  return token;
}

/** How far the example token's `nbf` lies before its `iat` and its `exp` after, in seconds (what minted tokens copy). */
export function proconfTokenOffsets(template: unknown): { nbfBefore: number; expAfter: number } {
  const claims = typeof template === 'string' ? decode(template.split('.')[1] ?? '') : {};
  return { nbfBefore: claims.iat - claims.nbf, expAfter: claims.exp - claims.iat };
}

let last: { template: string; iat: number; role: string; room: string; participantName: string; token: string } | undefined;

/**
 * `@signalwire/js` opens its WebSocket to the host a token's header names in
 * `ch` (its `host` option does not override it), and the spec's examples name
 * SignalWire's production relay. Every SAT the mock serves names the mock
 * instead (`ws://` + the host the request was sent to), so a real SDK paired
 * with the mock never dials production with a fake token.
 */
export const localRelay = (host: string | undefined): string => `ws://${host ?? '127.0.0.1'}`;

/** Rewritten headers by (header, relay); bounded, as relays come from requests. */
const relayHeaders = new Map<string, string>();

/** A JWS/JWE header segment whose `ch` names `relay` (any other header as it is). */
function relayHeader(segment: string, relay: string): string {
  const key = `${segment} ${relay}`;
  let rewritten = relayHeaders.get(key);
  if (rewritten === undefined) {
    let header: Record<string, unknown> | undefined;
    try {
      header = decode(segment);
    } catch {
      header = undefined;
    }
    rewritten = header && typeof header === 'object' && 'ch' in header ? b64url(JSON.stringify({ ...header, ch: relay })) : segment;
    if (relayHeaders.size >= 256) relayHeaders.clear();
    relayHeaders.set(key, rewritten);
  }
  return rewritten;
}

/** A body's top-level tokens with their relay pointed at `relay` (a spec example served as it is otherwise). */
export function withLocalRelay(body: unknown, relay: string): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  let out: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(body)) {
    if (typeof value !== 'string' || !value.startsWith('eyJ')) continue;
    const dot = value.indexOf('.');
    if (dot <= 0) continue;
    const header = relayHeader(value.slice(0, dot), relay);
    if (header !== value.slice(0, dot)) (out ??= { ...body })[key] = header + value.slice(dot);
  }
  return out ?? body;
}

/** A fresh SAT-shaped compact JWE with the example's protected header (its relay: `relay`) and random content: unique, unreadable, as the provider's are. */
export function mintSat(template: string, relay: string): string {
  const header = relayHeader(template.split('.')[0]!, relay);
  return [header, '', b64url(randomBytes(12)), b64url(randomBytes(320)), b64url(randomBytes(16))].join('.');
}

/** An RFC 4122 (version 5 layout) uuid derived from `reference`: the same subscriber for the same reference. */
export function subscriberIdFor(reference: string): string {
  const bytes = createHash('sha1').update(`rtc-token-apis subscriber:${reference}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A new Video conference token string, in the example's `vpt_` + 32 hex shape. */
export function mintConferenceToken(template: string): string {
  const prefix = /^[a-z]+_/.exec(template)?.[0] ?? 'vpt_';
  return prefix + randomBytes(16).toString('hex');
}
