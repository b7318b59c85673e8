// A target that echoes the credential into a body that is not JSON: the
// report quotes the body, but never any part of the credential.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { formatReport, verifyApi } from '../../src/verify/index.ts';

const BEARER = 'SECRETBEARERTOKEN0123456789abcdefXYZ';
const server = createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end(`<html><body>you sent: ${req.headers.authorization ?? 'nothing'}</body></html>`);
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
afterAll(() => new Promise<void>((r) => server.close(() => r())));

it('scrubs an echoed credential before cutting the quoted body', async () => {
  const target = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const result = await verifyApi({ api: 'proconf-app', target, credentials: { Authorization: `Bearer ${BEARER}` } });
  const report = formatReport(result);
  expect(result.ok).toBe(false);
  expect(report).toContain('body is not JSON');
  for (const n of [12, 16, 24]) expect(report).not.toContain(BEARER.slice(0, n));
});
