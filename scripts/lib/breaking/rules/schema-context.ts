// What every schema rule receives: the pair of schemas, where they are, which
// way data flows, and a way to recurse into sub-schemas.
import type { Reporter } from '../change.ts';

export type Obj = Record<string, any>;

/**
 * `request`: the client writes, the server reads. The new schema must accept
 * everything the old one accepted, so narrowing breaks clients.
 * `response`: the server writes, the client reads. The new schema may only
 * produce what the old one produced, so widening breaks clients.
 */
export type Direction = 'request' | 'response';

export interface SchemaContext {
  pointer: string;
  direction: Direction;
  report: Reporter;
  /** Compares two sub-schemas at a deeper pointer (same direction). */
  recurse(base: Obj, head: Obj, pointer: string): void;
}

export type SchemaRule = (base: Obj, head: Obj, ctx: SchemaContext) => void;
