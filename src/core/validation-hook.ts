// The seam for opt-in validation. The core only knows this interface; the
// precompiled validators live behind `rtc-token-apis/validation`, so a client
// that does not import them does not bundle them.
import type { ValidationIssue } from './errors.js';

/** What a named operation passes to openapi-fetch: path parameters and body. */
export interface RequestInput {
  params?: { path?: Record<string, unknown> } & Record<string, unknown>;
  body?: unknown;
}

export interface Validation {
  /** Checks a request before it is sent; returns every violation, or undefined when valid. */
  readonly request?: (operationId: string, input: RequestInput) => readonly ValidationIssue[] | undefined;
  /** Checks a parsed success body; returns the first violation, or undefined when valid. */
  readonly response?: (operationId: string, status: number, body: unknown) => ValidationIssue | undefined;
}
