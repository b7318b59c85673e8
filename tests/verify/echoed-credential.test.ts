// A target that echoes the credential into a body that is not JSON: the
// report quotes the body, but never any part of the credential.
import { afterAll, expect, it } from 'vitest';
import { formatReport, verifyApi } from '../../src/verify/index.ts';
import { closeServers, serve } from '../support/local-server.ts';

const BEARER = 'SECRETBEARERTOKEN0123456789abcdefXYZ';
const server = await closeServers(afterAll)(
  serve((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<html><body>you sent: ${req.headers.authorization ?? 'nothing'}</body></html>`);
  }),
);

it('scrubs an echoed credential before cutting the quoted body', async () => {
  const target = server.url;
  const result = await verifyApi({ api: 'proconf-app', target, credentials: { Authorization: `Bearer ${BEARER}` } });
  const report = formatReport(result);
  expect(result.ok).toBe(false);
  expect(report).toContain('body is not JSON');
  for (const n of [12, 16, 24]) expect(report).not.toContain(BEARER.slice(0, n));
});
