// The six ways to make the same guest token POST, each built for one target
// (a fetch and a base URL). Each call resolves to the parsed 201 body.
import axios from 'axios';
import ky from 'ky';
import createClient from 'openapi-fetch';
import type { paths as FabricPaths } from '../generated/types/signalwire-fabric.ts';
import { createSignalWireClient } from '../src/signalwire/index.ts';
import { signalWireValidation } from '../src/validation/index.ts';
import { API_TOKEN, AUTHORIZATION, GUEST_BODY, GUEST_PATH, PROJECT_ID } from './fixtures.ts';

export interface Target {
  readonly name: string;
  readonly fetch: typeof fetch;
  readonly baseUrl: string;
}

export interface Contender {
  readonly name: string;
  readonly call: () => Promise<unknown>;
}

export const STUBBED = 'stubbed fetch';
export const LOOPBACK = 'loopback HTTP';

export const RAW = 'raw fetch';
export const BARE = 'openapi-fetch (bare)';
export const OURS = 'rtc-token-apis';
export const OURS_VALIDATED = 'rtc-token-apis + request validation';

function ourClient(target: Target, validated: boolean) {
  return createSignalWireClient({
    projectId: PROJECT_ID,
    apiToken: API_TOKEN,
    baseUrl: target.baseUrl,
    fetch: target.fetch,
    ...(validated ? { validation: signalWireValidation() } : {}),
  });
}

export function contenders(target: Target): Contender[] {
  const url = `${target.baseUrl}${GUEST_PATH}`;
  const bare = createClient<FabricPaths>({ baseUrl: target.baseUrl, fetch: target.fetch, headers: { Authorization: AUTHORIZATION } });
  const ours = ourClient(target, false);
  const validated = ourClient(target, true);
  const kyApi = ky.create({ fetch: target.fetch, headers: { Authorization: AUTHORIZATION } });
  const axiosApi = axios.create({ adapter: 'fetch', env: { fetch: target.fetch }, headers: { Authorization: AUTHORIZATION } });
  return [
    {
      name: RAW,
      call: async () => {
        const res = await target.fetch(url, {
          method: 'POST',
          headers: { Authorization: AUTHORIZATION, 'Content-Type': 'application/json' },
          body: JSON.stringify(GUEST_BODY),
        });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        return res.json();
      },
    },
    {
      name: BARE,
      call: async () => {
        const { data, error, response } = await bare.POST(GUEST_PATH, { body: GUEST_BODY });
        if (!response.ok) throw new Error(`HTTP ${response.status}: ${JSON.stringify(error)}`);
        return data;
      },
    },
    { name: OURS, call: () => ours.createSubscriberGuestToken(GUEST_BODY) },
    { name: OURS_VALIDATED, call: () => validated.createSubscriberGuestToken(GUEST_BODY) },
    { name: 'ky', call: () => kyApi.post(url, { json: GUEST_BODY }).json() },
    { name: 'axios (fetch adapter)', call: async () => (await axiosApi.post(url, GUEST_BODY)).data },
  ];
}
