// Test helper: the SignalWire token handlers on a real 127.0.0.1 port, with a
// caller table, a recording log and an upstream of the caller's choice.
import {
  bearerToken,
  createSignalWireTokenHandlers,
  toNodeListener,
  type SignalWireTokenHandlersOptions,
  type SignalWireTokenLogEntry,
} from '../../../src/server/index.ts';
import { serve } from '../../support/local-server.ts';

export interface AppUser {
  id: string;
  email: string;
  name: string;
}

const APP_USERS: Record<string, AppUser> = {
  'alice-session-7f3a9c': { id: 'alice', email: 'alice@example.net', name: 'Alice Rivera' },
  'bob-session-19d2e0': { id: 'bob', email: 'bob@example.net', name: 'Bob Chen' },
};

const authorizeUser = (request: Request): AppUser | undefined => APP_USERS[bearerToken(request) ?? ''];

export async function serveSignalWireHandlers(upstreamUrl: string, options: Partial<SignalWireTokenHandlersOptions<AppUser>> = {}) {
  const logs: SignalWireTokenLogEntry[] = [];
  const handler = createSignalWireTokenHandlers<AppUser>({
    signalwire: { projectId: 'p-test', apiToken: 'PTsecret-api-token', baseUrl: upstreamUrl },
    authorize: authorizeUser,
    subscriber: (user) => ({ reference: user.email, display_name: user.name }),
    logger: (e) => logs.push(e),
    ...options,
  });
  const served = await serve(toNodeListener(handler));
  return { ...served, handler, logs };
}
