// A keep-alive node:http server on 127.0.0.1 answering the guest token POST,
// run as its own process so its work is not counted in the client's time.
// Prints its port on stdout; exits when its parent closes stdin.
import { createServer } from 'node:http';
import { GUEST_PATH, GUEST_RESPONSE, RESPONSE_HEADERS } from './fixtures.ts';

const server = createServer((req, res) => {
  // Read the whole body, as a real API would, before answering.
  req.resume();
  req.on('end', () => {
    const ok = req.method === 'POST' && req.url === GUEST_PATH && req.headers.authorization?.startsWith('Basic ');
    if (!ok) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"Unauthorized"}');
      return;
    }
    res.writeHead(201, RESPONSE_HEADERS).end(GUEST_RESPONSE);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${(server.address() as { port: number }).port}\n`);
});
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
server.unref();
