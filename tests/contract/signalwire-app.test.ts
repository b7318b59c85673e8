import { inject } from 'vitest';
import { describeSignalWireAppBehaviour } from './signalwire-app-behaviour.ts';

// Prism checks the bearer credential's shape, not its value; it grants any address.
describeSignalWireAppBehaviour('Prism mock', () => ({
  baseUrl: inject('mockUrl'),
  credential: 'user-session-token',
  guestAddress: 'a46e1381-21cf-46c9-bfed-576eb3b96370',
}));
