// A real admin backend on 127.0.0.1 that mints a token for what it is asked
// (as the ProCONF backend does: room lowercased, 7 days), optionally
// tampered with, so the handler's grant check is tested against real HTTP.
import { createHmac } from 'node:crypto';
import { serve } from '../support/local-server.ts';

const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

function mintToken(claims: { role: string; room: string; participantName: string; exp?: number }): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    aud: '*',
    iss: 'xyz',
    sub: 'xyz.proconf.info',
    room: claims.room.toLowerCase(),
    nbf: now - 3600,
    context: { user: { role: claims.role } },
    participantName: claims.participantName,
    iat: now,
    exp: claims.exp ?? now + 7 * 86400,
  };
  const head = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(payload)}`;
  return `${head}.${createHmac('sha256', 'test-admin-secret').update(head).digest('base64url')}`;
}

export type Tamper = (asked: { role: string; room: string; participantName: string }) => { role: string; room: string; participantName: string; exp?: number };

export function adminBackend(tamper: Tamper = (asked) => asked) {
  return serve((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c;
    });
    req.on('end', () => {
      const asked = JSON.parse(body) as { role: string; room: string; participantName: string };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: null, data: mintToken(tamper(asked)) }));
    });
  });
}
