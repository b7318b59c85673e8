// A recorded request (GET /__mock/requests) never holds a credential, however
// its body was encoded: JSON (parsed or malformed), text, form-encoded,
// multipart. Fields named like a credential lose their value; token-shaped
// strings (JWS/JWE, `vpt_…`, `Basic …`/`Bearer …`) are replaced wherever
// they are, whatever they are called.

const REDACTED = '[redacted]';

/** Body properties never recorded (`refresh_token`, `password`, `apiKey`, `Authorization`, …). */
const CREDENTIAL_NAME = /pass(?:word|wd|phrase|code)?(?![a-z])|secret|token|credential|api[-_]?key|auth|cookie|session|jwt|signature|private[-_]?key/i;

/** Token shapes of these APIs, anywhere in a text. */
const TOKEN_SHAPES = /\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_.-]*|\bvpt_[0-9a-f]{8,}|\b(?:basic|bearer)\s+[A-Za-z0-9._~+/=-]{6,}/gi;

/** `name` as the sender may have escaped it: percent-encoding, `+` for space, JSON `\uXXXX`. */
function decodedName(name: string): string {
  let decoded = name.replace(/\\u([0-9a-fA-F]{4})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  try {
    decoded = decodeURIComponent(decoded.replace(/\+/g, ' '));
  } catch {
    // not percent-encoded after all
  }
  return decoded;
}

/** Only a name with an escape in it is decoded (most names of a load test have none). */
const isCredentialName = (name: string) => CREDENTIAL_NAME.test(name) || (/[%\\+]/.test(name) && CREDENTIAL_NAME.test(decodedName(name)));

/** Multipart: a part named like a credential, its headers, then its value up to the next boundary line. */
const MULTIPART_PART = /(\bname\s*=\s*"?([^";\r\n]+)"?[^\r\n]*(?:\r?\n[^\r\n]+)*\r?\n\r?\n)([\s\S]*?)(?=\r?\n--|$)/gi;

/**
 * `name=value`, `"name": "value"`, `name: value`: a key (quoted or bare), `=` or
 * `:`, and a value (quoted, possibly unterminated, or bare to the next delimiter).
 */
const KEY_VALUE = /(["']?)([^\s"'=:&;,{}[\]<>]+)\1(\s*[:=]\s*)("(?:[^"\\]|\\.)*"?|'[^']*'?|[^\s&;,}\]]*)/g;

/** Token-shaped strings replaced (for a recorded path, where no field names are). */
export const redactTokens = (text: string): string => text.replace(TOKEN_SHAPES, REDACTED);

/** A text body with every credential-named value and token-shaped string replaced. */
function redactText(text: string): string {
  return text
    .replace(MULTIPART_PART, (whole, head: string, name: string) => (isCredentialName(name) ? `${head}${REDACTED}` : whole))
    .replace(KEY_VALUE, (whole, quote: string, name: string, separator: string, value: string) =>
      isCredentialName(name) && value !== '' && !value.includes(REDACTED) ? `${quote}${name}${quote}${separator}${REDACTED}` : whole,
    )
    .replace(TOKEN_SHAPES, REDACTED);
}

/** Text worth scanning: anything that could hold a `name=value` pair or a token. */
const MAYBE_SECRET = /[=:]|eyJ|vpt_|basic|bearer/i;

/** A parsed body (JSON value or text) as it may be recorded. */
export function redactBody(value: unknown): unknown {
  if (typeof value === 'string') {
    // Text that is JSON after all (sent as text/plain, say) is judged field by field, and stays text.
    const first = value.trimStart()[0];
    if (first === '{' || first === '[') {
      try {
        return JSON.stringify(redactBody(JSON.parse(value)));
      } catch {
        // malformed JSON: the text rules below
      }
    }
    return MAYBE_SECRET.test(value) ? redactText(value) : value;
  }
  if (Array.isArray(value)) return value.map(redactBody);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isCredentialName(k) ? REDACTED : redactBody(v)]));
}
