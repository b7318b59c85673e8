// What every operation rule receives: the same operation in both versions.
import type { OperationRef } from '../operations.js';
import type { Reporter } from '../change.js';
import type { Obj } from './schema-context.js';

interface OperationPair {
  base: OperationRef;
  head: OperationRef;
  baseDocument: Obj;
  headDocument: Obj;
  report: Reporter;
}

export type OperationRule = (pair: OperationPair) => void;
