// The one operation every contender performs: a guest token POST, with the
// request and a realistic 201 body (SignalWire tokens are ~500-char JWEs).
export const GUEST_PATH = '/api/fabric/guests/tokens';
export const PROJECT_ID = 'b3f9a1c2-1d2e-4f50-9a6b-7c8d9e0f1a2b';
export const API_TOKEN = 'PTbench0000000000000000000000000000000000000000';
export const AUTHORIZATION = `Basic ${btoa(`${PROJECT_ID}:${API_TOKEN}`)}`;
export const GUEST_BODY = { allowed_addresses: ['5fd8b1f2-8d6f-4a33-9a2e-2c1b0e3f4d5a'] };

const jwe = (seed: string) => `eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIiwidHlwIjoiU0FUIn0..${seed.repeat(60).slice(0, 480)}`;
export const GUEST_RESPONSE = JSON.stringify({ token: jwe('tK9'), refresh_token: jwe('rF2') });
export const RESPONSE_HEADERS = {
  'content-type': 'application/json',
  'content-length': String(Buffer.byteLength(GUEST_RESPONSE)),
};

/** A fetch that answers at once with a fresh ready Response, as a server would. */
export const stubFetch = (async () => new Response(GUEST_RESPONSE, { status: 201, headers: RESPONSE_HEADERS })) as typeof fetch;

/** Every contender must return the token: a broken one must not look fast. */
export function assertToken(result: unknown, who: string): void {
  if ((result as { token?: unknown } | undefined)?.token !== JSON.parse(GUEST_RESPONSE).token) {
    throw new Error(`${who} did not return the guest token (got ${JSON.stringify(result)?.slice(0, 80)})`);
  }
}
