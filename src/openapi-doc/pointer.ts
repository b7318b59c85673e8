// RFC 6901 JSON pointers: the one escape/unescape every spec reader uses.
export function escapeToken(token: string | number): string {
  const text = String(token);
  // Most tokens need no escape: skip the two replaces (the gate builds a pointer per schema level).
  return text.includes('~') || text.includes('/') ? text.replace(/~/g, '~0').replace(/\//g, '~1') : text;
}

export function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** `pointer('paths', '/things', 'post')` -> `/paths/~1things/post`. */
export function pointer(...tokens: Array<string | number>): string {
  return tokens.map((t) => `/${escapeToken(t)}`).join('');
}

/** Appends tokens to an existing pointer. */
export function child(base: string, ...tokens: Array<string | number>): string {
  return base + pointer(...tokens);
}

/** The raw tokens of a pointer (`''` is the whole document). */
export function tokensOf(ptr: string): string[] {
  return ptr === '' ? [] : ptr.split('/').slice(1).map(unescapeToken);
}

/** The value at `ptr` inside `root`, or undefined when any step is missing. */
export function valueAt(root: unknown, ptr: string): unknown {
  let node = root;
  for (const token of tokensOf(ptr)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}
