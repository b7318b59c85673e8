// Credential strings, made and taken apart in one place: the Basic-auth
// encoder, the credential without its scheme word, and every form of a
// credential header that must be scrubbed if a server echoes it.

/** `Basic base64(user:password)`, UTF-8 safe, in browsers and Node. */
export function basicAuthorization(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `Basic ${btoa(binary)}`;
}

/** `Bearer abc` -> `abc`; a value without a scheme word is returned as it is. */
function withoutScheme(value: string): string {
  return value.replace(/^[A-Za-z][\w.+-]*[ \t]+/, '');
}

function decodeBasic(value: string): string | undefined {
  const match = /^Basic[ \t]+([A-Za-z0-9+/=]+)\s*$/i.exec(value);
  if (!match) return undefined;
  try {
    const binary = atob(match[1]!);
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/**
 * Every string of a credential header value worth scrubbing: the value, the
 * credential without its scheme word and, for Basic, the decoded
 * `user:password` pair and the password alone.
 */
export function credentialSecrets(value: string): string[] {
  const out = [value, withoutScheme(value)];
  const pair = decodeBasic(value);
  if (pair !== undefined) {
    out.push(pair);
    const colon = pair.indexOf(':');
    if (colon >= 0) out.push(pair.slice(colon + 1));
  }
  return out;
}
