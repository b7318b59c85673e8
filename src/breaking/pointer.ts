// RFC 6901 JSON pointers, built from raw tokens (`/` and `~` are escaped), so
// every change the gate reports points at the exact node it is about.
export function escapeToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function pointer(...tokens: Array<string | number>): string {
  return tokens.map((t) => '/' + escapeToken(t)).join('');
}

/** Appends tokens to an existing pointer. */
export function child(base: string, ...tokens: Array<string | number>): string {
  return base + pointer(...tokens);
}
