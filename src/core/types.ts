// Type helpers that turn a generated `operations` entry into the success body
// and the union of typed HttpErrors a named operation can throw.
import type { HttpError } from './errors.js';

type Json<R> = R extends { content: { 'application/json': infer B } } ? B : undefined;
type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 206;

export type SuccessBody<Op> = Op extends { responses: infer R } ? { [S in keyof R]: S extends SuccessStatus ? Json<R[S]> : never }[keyof R] : never;

/** One HttpError variant per documented error status, each with its typed body. */
export type DocumentedHttpError<Op> = Op extends { responses: infer R }
  ? { [S in keyof R]: S extends SuccessStatus ? never : S extends number ? HttpError<S, Json<R[S]>> : never }[keyof R]
  : never;

export type RequestBody<Op> = Op extends { requestBody: { content: { 'application/json': infer B } } }
  ? B
  : Op extends { requestBody?: { content: { 'application/json': infer B } } }
    ? B
    : never;
