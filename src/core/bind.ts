// One typed binding per operation: the generated table row says where it
// goes, the generated types say what it takes and returns, so a client lists
// each operation once (no interface + cast pairs).
import { callOperation, type CallContext, type CallInput, type CallOptions, type OperationMeta } from './call.js';
import type { RequestBody, SuccessBody } from './types.js';

/** A named operation: its argument (the body, or a path parameter), then per-call options. */
export type BoundOperation<Op, Arg = RequestBody<Op>> = (arg: Arg, options?: CallOptions) => Promise<SuccessBody<Op>>;

const asBody = (body: unknown): CallInput => ({ body });

/**
 * `bindOperation<operations['create_x']>(ctx, table.create_x)` sends its
 * argument as the JSON body; pass `toInput` for another shape, e.g.
 * `(id: string) => ({ params: { path: { id } } })`.
 */
export function bindOperation<Op, Arg = RequestBody<Op>>(ctx: CallContext, meta: OperationMeta, toInput: (arg: Arg) => CallInput = asBody): BoundOperation<Op, Arg> {
  return (arg, options) => callOperation(ctx, meta, toInput(arg), options) as Promise<SuccessBody<Op>>;
}
