// The Fastify recipe of docs/server.md, run for real: a scope without a body
// parser serves the handler, and the app's CORS hook still runs. Without the
// recipe (Fastify's JSON parser in front) the handler says what to fix.
import { afterEach, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { createProconfTokenHandler, toWebRequest, type RequestLogEntry } from '../../src/server/index.ts';
import { ENVELOPES, authorizeFromTable, mintingAdminUrl, post } from './serve.ts';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
});

const member = JSON.stringify({ role: 'member', room: 'standup', participantName: 'Priya' });

async function start(recipe: boolean) {
  const logs: RequestLogEntry[] = [];
  const handler = createProconfTokenHandler({ admin: { baseUrl: await mintingAdminUrl() }, authorize: authorizeFromTable, logger: (e) => logs.push(e) });
  const app = Fastify();
  apps.push(app);
  // Stands in for @fastify/cors: an app-level hook that must still run for the handler's route.
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('access-control-allow-origin', 'https://app.example.net');
  });
  await app.register(async (scope) => {
    if (recipe) {
      // The recipe: no body parser in this scope; the handler reads and caps the body itself.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    }
    scope.all('/proconfToken', async (request, reply) => {
      const response = await handler(toWebRequest(request.raw));
      reply.code(response.status).headers(Object.fromEntries(response.headers));
      return reply.send(Buffer.from(await response.arrayBuffer()));
    });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}`, logs };
}

describe('Fastify', () => {
  it('the recipe serves tokens, and CORS hooks still run', async () => {
    const s = await start(true);
    const response = await post(s.url, member);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example.net');
    expect((await response.json()).data.split('.')).toHaveLength(3);
    expect(s.logs).toEqual([expect.objectContaining({ outcome: 'token', status: 200 })]);
    const tooLarge = await post(s.url, JSON.stringify({ role: 'member', room: 'x'.repeat(9000), participantName: 'p' }));
    expect(tooLarge.status).toBe(413);
  });

  it("with Fastify's JSON parser in front: the 500 envelope and one actionable log line", async () => {
    const s = await start(false);
    const response = await post(s.url, member);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual(ENVELOPES[500]);
    expect(s.logs).toEqual([expect.objectContaining({ outcome: 'internal-error', problem: expect.stringContaining('mount the handler before it') })]);
  });
});
