// RFC 6901 JSON pointers, built from raw tokens (`/` and `~` are escaped).
export function escapeToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointer(...tokens: Array<string | number>): string {
  return tokens.map((t) => '/' + escapeToken(t)).join('');
}

/** Appends tokens to an existing pointer. */
export function child(base: string, ...tokens: Array<string | number>): string {
  return base + pointer(...tokens);
}
