// Precompiled request/response validators (issue: validation). Empty for now.
import type { Generator } from './artifacts.ts';
export const validatorGenerators: Generator[] = [];
