// Compile-time contract with the real @signalwire/js 3.x types: the token
// source plugs into SignalWire({ token, onRefreshToken }) and client.updateToken.
// Checked by `tsc -p tsconfig.json`; every @ts-expect-error must be an error.
import { SignalWire, type SignalWireClient, type SignalWireClientParams } from '@signalwire/js';
import { createSignalWireAppClient, createSubscriberTokenSource, type UpdatableClient } from '../../../src/signalwire-app/index.ts';

const source = createSubscriberTokenSource({
  client: createSignalWireAppClient({ baseUrl: 'https://app.acme.test', credentials: () => 'session' }),
});

export async function connect(): Promise<SignalWireClient> {
  const params: SignalWireClientParams = { token: await source.getToken(), onRefreshToken: source.onRefreshToken };
  const client = await SignalWire(params);
  // The SDK's client is what keepFresh feeds.
  const stop: () => void = source.keepFresh(client);
  const updatable: UpdatableClient = client;
  stop();
  void updatable;
  return client;
}

export async function misuse() {
  // @ts-expect-error the SDK wants a token string, not the grant promise
  await SignalWire({ token: source.getToken() });
  // @ts-expect-error onRefreshToken must resolve to a string
  await SignalWire({ token: 't', onRefreshToken: async () => ({ token: 't' }) });
  // @ts-expect-error keepFresh needs something with updateToken(token)
  source.keepFresh({ update: async () => {} });
  const expireAt: number | undefined = source.expireAt;
  // @ts-expect-error expireAt may be undefined before the first token
  const sure: number = source.expireAt;
  return [expireAt, sure];
}
