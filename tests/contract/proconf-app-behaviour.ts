// The behaviour any server implementing proconf-app.yaml must show, whatever
// it is built with: run against the Prism mock here, and against the shipped
// /proconfToken handler by its own tests.
import { describe, expect, it } from 'vitest';
import { createProconfAppClient, HttpError, isProconfAppError } from '../../src/proconf/index.ts';
import { responseSchemaErrors } from '../support/spec-schemas.ts';

export interface ProconfAppTarget {
  baseUrl: string;
  /** A credential the server accepts for a user allowed the role below. */
  credential: string;
  /** A role that user may receive. */
  role: string;
}

const PATH = '/proconfToken';

function decodeJwtPart(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

async function rawPost(target: ProconfAppTarget, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${target.baseUrl}${PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${target.credential}`, ...headers },
    body,
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

export function describeProconfAppBehaviour(label: string, target: () => ProconfAppTarget) {
  describe(`proconf-app behaviour: ${label}`, () => {
    it('returns the token in the {error: null, data} envelope, an HS256 JWT', async () => {
      const t = target();
      const client = createProconfAppClient({ baseUrl: t.baseUrl, credentials: () => t.credential });
      const result = await client.getProconfToken({ role: t.role, room: 'standup', participantName: 'Priya' });
      expect(result.error).toBeNull();
      const [header, payload, signature] = result.data.split('.');
      expect(decodeJwtPart(header!)).toMatchObject({ alg: 'HS256', typ: 'JWT' });
      expect(decodeJwtPart(payload!)).toHaveProperty('context.user.role');
      expect(signature).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(responseSchemaErrors('proconf-app', PATH, 200, result)).toBe('');
    });

    it('answers 401 Unauthorized in the envelope without a credential', async () => {
      const t = target();
      const client = createProconfAppClient({ baseUrl: t.baseUrl });
      const error = await client.getProconfToken({ role: t.role, room: 'standup', participantName: 'Priya' }).catch((e: unknown) => e);
      expect(isProconfAppError(error, 'get_proconf_token')).toBe(true);
      if (!isProconfAppError(error, 'get_proconf_token')) return;
      expect(error.status).toBe(401);
      expect(error.body).toEqual({ data: null, error: { code: 401, message: 'Unauthorized' } });
    });

    const invalidBodies: [string, string][] = [
      ['a missing role', JSON.stringify({ room: 'standup', participantName: 'Priya' })],
      ['a null participantName', JSON.stringify({ role: 'member', room: 'standup', participantName: null })],
      ['an empty room', JSON.stringify({ role: 'member', room: '', participantName: 'Priya' })],
      ['a number for room', JSON.stringify({ role: 'member', room: 7, participantName: 'Priya' })],
      ['an unknown property', JSON.stringify({ role: 'member', room: 'standup', participantName: 'Priya', context: { user: { role: 'owner' } } })],
    ];
    for (const [what, body] of invalidBodies) {
      it(`answers 400 "Invalid body in request." for ${what}`, async () => {
        const t = target();
        const response = await rawPost(t, body);
        expect(response.status).toBe(400);
        expect(response.body).toEqual({ data: null, error: { code: 400, message: 'Invalid body in request.' } });
      });
    }

    it('the typed client surfaces a 400 as an HttpError with the typed envelope', async () => {
      const t = target();
      const client = createProconfAppClient({ baseUrl: t.baseUrl, credentials: () => t.credential });
      const error = await client.getProconfToken({ role: t.role } as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HttpError);
      expect((error as HttpError).status).toBe(400);
      expect((error as HttpError).operationId).toBe('get_proconf_token');
      expect(responseSchemaErrors('proconf-app', PATH, 400, (error as HttpError).body)).toBe('');
    });
  });
}
