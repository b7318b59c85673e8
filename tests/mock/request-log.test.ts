// Issue 12 point 18: the mock's log line quotes no request-controlled text:
// not a Prefer value, not an unknown field's name; declared fields are named.
import { expect, it } from 'vitest';
import { formatRequestLog } from '../../src/mock/request-log.ts';

const line = (detail: string) => formatRequestLog({ method: 'POST', path: '/x', status: 400, ms: 1, detail });

it('drops a quoted Prefer value and an echoed value', () => {
  const out = line('code must be a 3-digit HTTP status; got "secret-prefer-91a2"');
  expect(out).not.toContain('secret-prefer-91a2');
  expect(out).toContain('code must be a 3-digit HTTP status');
  expect(line('no example named "secret-example-7c" under status 200; available: x')).not.toContain('secret-example-7c');
});

it('names a declared field, never an undeclared one', () => {
  const out = line(
    "Request body must have required property 'reference'; Request body must NOT have additional properties; property 'secret-field-33f0'; Request body property fingerprint must NOT have fewer than 43 characters",
  );
  expect(out).toContain("'reference'");
  expect(out).toContain('property fingerprint must NOT');
  expect(out).not.toContain('secret-field-33f0');
  expect(line('Request body property secret-field-33f0 must be string')).not.toContain('secret-field-33f0');
});
