// Root entry: every client. Import a subpath (`rtc-token-apis/signalwire`,
// `rtc-token-apis/proconf`) to pull in only one service.
export * from './signalwire/index.js';
export * from './proconf/index.js';
