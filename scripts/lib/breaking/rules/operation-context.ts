// What every operation rule receives: the same operation in both versions.
import type { OperationRef } from '../../docs/operations.ts';
import type { Reporter } from '../change.ts';
import type { Obj } from './schema-context.ts';

export interface OperationPair {
  base: OperationRef;
  head: OperationRef;
  baseDocument: Obj;
  headDocument: Obj;
  report: Reporter;
}

export type OperationRule = (pair: OperationPair) => void;
