import { inject } from 'vitest';
import { describeProconfAppBehaviour } from './proconf-app-behaviour.ts';

// Prism checks the bearer credential's shape, not its value.
describeProconfAppBehaviour('Prism mock', () => ({ baseUrl: inject('mockUrl'), credential: 'user-session-token', role: 'member' }));
