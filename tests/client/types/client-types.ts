// Compile-time contract, checked by `tsc -p tsconfig.json` in `npm test`.
// Every @ts-expect-error must be an error: if a case starts compiling, tsc fails.
import { createSignalWireClient, isSignalWireError } from '../../../src/signalwire/index.ts';
import { createProconfAppClient, retryPolicy } from '../../../src/proconf/index.ts';

const sw = createSignalWireClient({ space: 'acme', projectId: 'p', apiToken: 't' });
const app = createProconfAppClient({ baseUrl: 'https://app.acme.test' });

export async function cases() {
  // @ts-expect-error wrong body type: allowed_addresses is string[]
  await sw.createSubscriberGuestToken({ allowed_addresses: 'a46e1381-21cf-46c9-bfed-576eb3b96370' });
  // @ts-expect-error wrong body type: expire_at is unix seconds, not a date string
  await sw.createSubscriberGuestToken({ allowed_addresses: [], expire_at: '2026-01-01T00:00:00Z' });
  // @ts-expect-error missing required field: reference
  await sw.createSubscriberToken({ first_name: 'Alice' });
  // @ts-expect-error enum: scope only accepts sat:refresh
  await sw.createSubscriberToken({ reference: 'a', scope: 'sat:admin' });
  // @ts-expect-error missing required field: participantName
  await app.getProconfToken({ role: 'member', room: 'r' });
  // @ts-expect-error unknown path on the raw client
  await sw.raw.fabric.POST('/api/fabric/unknown', {});
  // @ts-expect-error the refresh operation's body needs refresh_token
  await sw.raw.fabric.POST('/api/fabric/subscribers/tokens/refresh', { body: {} });
  // @ts-expect-error path parameter id is required on the raw client
  await sw.raw.video.POST('/api/video/conference_tokens/{id}/reset', {});

  // The success body is typed...
  const token = await sw.resetConferenceToken('c22d24f6-5a47-4597-9a23-c7d01e696b92');
  const name: string | null = token.name;
  // @ts-expect-error ...so a misspelt property is caught
  void token.scope;

  // ...and the error narrows per status to the typed body.
  try {
    await sw.createSubscriberGuestToken({ allowed_addresses: [] });
  } catch (e) {
    if (isSignalWireError(e, 'create_subscriber_guest_token')) {
      if (e.status === 422) {
        const code: string = e.body.errors[0]!.code;
        void code;
      } else if (e.status === 401) {
        const message: 'Unauthorized' = e.body.error;
        void message;
        // @ts-expect-error a 401 body has no errors array
        void e.body.errors;
      }
      // @ts-expect-error 400 is not documented for this operation
      if (e.status === 400) void e;
    }
  }
  return name;
}

// Binding: the operation id is read from the table row and must belong to the service.
import { operationBinder } from '../../../src/core/bind.ts';
import type { CallContext } from '../../../src/core/call.ts';
import { get_proconf_token, create_subscriber_token } from '../../../generated/operations.ts';
import type { SignalWireOperations } from '../../../src/signalwire/index.ts';

export function binding(ctx: CallContext) {
  const op = operationBinder<SignalWireOperations>(ctx);
  // @ts-expect-error a ProCONF row does not bind to SignalWire's operations
  op(get_proconf_token);
  const create = op(create_subscriber_token);
  // @ts-expect-error the bound body is typed from the spec: reference is required
  void create({ first_name: 'A' });
  return create;
}

// The browser clients bind through the same binder: typed from the row and the spec, with the same call options.
import { issue_guest_token } from '../../../generated/operations.ts';
import type { operations as SignalWireAppOperations } from '../../../generated/types/signalwire-app.ts';

export function browserBinding(ctx: CallContext) {
  const op = operationBinder<SignalWireAppOperations>(ctx);
  // @ts-expect-error a ProCONF row does not bind to the signalwire-app operations
  op(get_proconf_token);
  const guest = op(issue_guest_token);
  // @ts-expect-error the bound body is typed from the spec: allowed_addresses is a string array
  void guest({ allowed_addresses: 'a' });
  // The same call options as every client: retries included.
  void guest({ allowed_addresses: [] }, { retry: false });
  return guest({ allowed_addresses: [] }, { timeoutMs: 1_000, headers: { 'x-trace': 't' } }).then((grant) => grant.expire_at);
}

export function browserClients() {
  // @ts-expect-error the ProCONF app client has no raw openapi-fetch client (use ProconfAppPaths with openapi-fetch)
  void app.raw;
  // The same client options as every client: opt-in retries included.
  createProconfAppClient({ baseUrl: 'https://app.acme.test', retry: retryPolicy() });
  // @ts-expect-error retry takes a policy from retryPolicy(), not true
  createProconfAppClient({ baseUrl: 'https://app.acme.test', retry: true });
  return app.defaults({ timeoutMs: 5_000 }).getProconfToken({ role: 'member', room: 'r', participantName: 'p' });
}
