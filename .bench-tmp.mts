import { Agent, request } from 'node:http';
import { startMockServer } from './src/mock/server.ts';
const mock = await startMockServer({ port: 0, log: () => {} });
const port = mock.port;
const BODY = JSON.stringify({ role: 'owner', room: 'testRoom', participantName: 'Alex' });
async function load(headers: Record<string, string>, ms: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  let n = 0; const end = performance.now() + ms;
  const one = () => new Promise<void>((res, rej) => { const r = request({ host: '127.0.0.1', port, path: '/proconfToken', method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: 'Bearer x', 'content-length': String(BODY.length), ...headers } }, (s) => { s.resume(); s.on('end', () => res()); }); r.on('error', rej); r.end(BODY); });
  await Promise.all(Array.from({ length: 16 }, async () => { while (performance.now() < end) { await one(); n++; } }));
  agent.destroy();
  return Math.round(n / (ms / 1000));
}
await load({}, 1000);
console.log('minted', await load({}, 5000));
await mock.close();
