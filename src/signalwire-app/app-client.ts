// Client for your app server's SignalWire token endpoints
// (signalwire-app.yaml). Browser-safe: no Node APIs, and the user's own
// credential comes from a provider called per request. Like every client
// it runs on the one call path (src/core/call.ts): plain fetch, no
// openapi-fetch. Paths and statuses come from the generated
// operation table, body and response types from the generated types.
import { buildAppClient, type AppClient, type AppClientOptions } from '../core/app-client.js';
import type { OperationBinder } from '../core/bind.js';
import { operationErrorGuard } from '../core/operation-error.js';
import { issue_guest_token, issue_subscriber_token, renew_subscriber_token } from '../../generated/operations.js';
import type { operations } from '../../generated/types/signalwire-app.js';

export interface SignalWireAppClientOptions extends AppClientOptions {}

function bind(op: OperationBinder<operations>) {
  return {
    /** POST /signalwire/tokens/subscriber: a new subscriber token for this device. */
    issueSubscriberToken: op(issue_subscriber_token),
    /** POST /signalwire/tokens/subscriber/refresh: a fresh token (the server refreshes once for everyone). */
    renewSubscriberToken: op(renew_subscriber_token),
    /** POST /signalwire/tokens/guest: a guest token for the addresses the server's policy grants. */
    issueGuestToken: op(issue_guest_token),
  };
}

export interface SignalWireAppClient extends AppClient<ReturnType<typeof bind>, SignalWireAppClientOptions> {}

export const createSignalWireAppClient = (options: SignalWireAppClientOptions = {}): SignalWireAppClient => buildAppClient(options, bind);

/** Narrows an error to one of these operations' documented HttpErrors, with the typed `{error: {code, message}}` body. */
export const isSignalWireAppError = /* @__PURE__ */ operationErrorGuard<operations>();
