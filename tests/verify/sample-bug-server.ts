// A deliberately non-conforming /proconfToken, written the way the ProCONF
// sample code on docs.proconf.live is: axios.post with four arguments, so the
// headers land in the config slot and are dropped; the whole axios response
// returned instead of the token; no authentication; no validation; Express-
// style HTML for unknown routes.
import axios from 'axios';
import type { RequestListener } from 'node:http';

export function sampleCodeListener(adminBaseUrl: string): RequestListener {
  return (req, res) => {
    if (req.method !== 'POST' || req.url !== '/proconfToken') {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end(`<pre>Cannot ${req.method} ${req.url}</pre>`);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const text = Buffer.concat(chunks).toString();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // The sample forwards whatever it got.
      }
      try {
        // BUG (copied): four arguments, so these headers are never sent.
        const response = await (axios.post as (...args: unknown[]) => Promise<{ status: number; statusText: string; headers: unknown; data: unknown }>)(
          `${adminBaseUrl}/api/proconf-token`,
          body,
          { 'x-gateway-key': 'admin-secret' },
          { timeout: 5000 },
        );
        // BUG (copied): the whole response object where the token belongs.
        const whole = { status: response.status, statusText: response.statusText, headers: response.headers, data: response.data };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ error: null, data: whole }));
      } catch (error) {
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: (error as Error).message }));
      }
    });
  };
}
