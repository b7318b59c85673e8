// What every schema rule receives: the pair of schemas, where they are, which
// way data flows, and a way to recurse into sub-schemas.
import type { Reporter } from '../change.js';

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
  /** Compares two sub-schemas (raw: booleans, 3.0 forms, missing = any) at a deeper pointer, same direction. */
  recurse(base: unknown, head: unknown, pointer: string): void;
  /**
   * How many changes (and breaking ones) comparing two sub-schemas would
   * report, without reporting them; in `direction` when given (`not` judges
   * its schema the other way round).
   */
  score(base: unknown, head: unknown, direction?: Direction): { breaking: number; total: number };
}

/** Rules see normalized schemas (see schema-normalize.ts). */
export type SchemaRule = (base: Obj, head: Obj, ctx: SchemaContext) => void;
