// One typed binding per operation: the generated table row says where it
// goes and which operation it is, the generated types say what it takes and
// returns, so a client lists each operation once (no interface + cast pairs).
// Every client, server and browser, binds through it onto the one call path.
import { callOperation, type CallContext, type CallInput, type CallOptions, type OperationMeta } from './call.js';
import type { RequestBody, SuccessBody } from './types.js';

/** A named operation taking its JSON body, then per-call options. */
export type BoundOperation<Ops, Id extends keyof Ops> = (body: RequestBody<Ops[Id]>, options?: CallOptions) => Promise<SuccessBody<Ops[Id]>>;

/** A named operation taking another argument (e.g. a path parameter), then per-call options. */
export type BoundOperationWith<Ops, Id extends keyof Ops, Arg> = (arg: Arg, options?: CallOptions) => Promise<SuccessBody<Ops[Id]>>;

const asBody = (body: unknown): CallInput => ({ body });

/** A generated table row whose operation id is `Id`. */
type Row<Id> = OperationMeta & { readonly operationId: Id };

/** Binds one table row; the operation id is read from the row. */
export interface OperationBinder<Ops> {
  <Id extends keyof Ops & string>(meta: Row<Id>): BoundOperation<Ops, Id>;
  <Id extends keyof Ops & string, Arg>(meta: Row<Id>, toInput: (arg: Arg) => CallInput): BoundOperationWith<Ops, Id, Arg>;
}

/**
 * `const op = operationBinder<operations>(ctx)`, then `op(table.create_x)`:
 * the operation id comes from the table row, the types from `operations`. The
 * argument is sent as the JSON body; pass `toInput` for another shape, e.g.
 * `(id: string) => ({ params: { path: { id } } })`. Import rows by name, so a
 * bundle keeps only the rows it uses.
 */
export function operationBinder<Ops>(ctx: CallContext): OperationBinder<Ops> {
  // The overloads carry the types; the one implementation only forwards.
  return (meta: OperationMeta, toInput: (arg: any) => CallInput = asBody) =>
    (arg: unknown, options?: CallOptions) =>
      callOperation(ctx, meta, toInput(arg), options) as Promise<any>;
}
