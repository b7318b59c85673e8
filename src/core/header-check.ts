// Header values are checked before anything is sent: undici's own error for
// a bad value quotes the value, which is usually a credential.

/** A header name is an HTTP token. */
const NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** What HTTP forbids in a value (NUL, CR, LF) and what fetch cannot encode (above U+00FF). */
const BAD_VALUE = /[\0\r\n\u0100-\uffff]/;

/** Calls `fail` with a description naming the header, never its value, for the first bad one. */
export function checkHeaderValues(headers: Record<string, unknown>, fail: (issue: string) => Error): void {
  for (const [name, value] of Object.entries(headers)) {
    if (!NAME.test(name)) throw fail('a header name is not an HTTP token (not shown)');
    if (typeof value !== 'string') throw fail(`header ${name} must be a string; got ${value === null ? 'null' : typeof value}`);
    if (BAD_VALUE.test(value)) throw fail(`header ${name} has a value HTTP cannot carry (CR, LF, NUL or above U+00FF; not shown)`);
  }
}
