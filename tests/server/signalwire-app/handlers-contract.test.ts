// The shipped handlers, on a real port with SignalWire served by the Prism
// mock, pass the same behaviour suite as the mock itself.
import { afterAll, beforeAll, inject } from 'vitest';
import { allowGuestAddresses } from '../../../src/server/index.ts';
import { describeSignalWireAppBehaviour } from '../../contract/signalwire-app-behaviour.ts';
import { serveSignalWireHandlers } from './serve-handlers.ts';

const ADDRESS = 'a46e1381-21cf-46c9-bfed-576eb3b96370';
let server: Awaited<ReturnType<typeof serveSignalWireHandlers>>;
beforeAll(async () => {
  server = await serveSignalWireHandlers(inject('mockUrl'), { guestPolicy: allowGuestAddresses([ADDRESS]) });
});
afterAll(() => server.close());

describeSignalWireAppBehaviour('createSignalWireTokenHandlers', () => ({ baseUrl: server.url, credential: 'alice-session-7f3a9c', guestAddress: ADDRESS }));
