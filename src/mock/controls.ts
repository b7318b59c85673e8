// What a test suite drives the mock with: the requests it received (never a
// credential), responses forced for the next call(s) of one operation, and a
// reset of both plus the stateful mode's memory. The same object answers
// in-process calls and the HTTP endpoints under /__mock/.
import type { IHttpOperation } from '@stoplight/types';
import { resolveScenario, ScenarioError, type Scenario } from './scenario.js';
import { MockState } from './state.js';
import { redactBody, redactTokens } from './redact.js';

export interface RecordedRequest {
  method: string;
  /** The path without the query string. */
  path: string;
  /** The operation it was routed to; absent for unknown paths. */
  operationId?: string;
  /**
   * The parsed JSON body (or its text, when it is not JSON), with every
   * credential replaced by "[redacted]" whatever the encoding: fields named
   * like one (`password`, `refresh_token`, `apiKey`, …) and token-shaped strings.
   */
  body?: unknown;
  status: number;
}

export interface ForcedResponse {
  /** A documented status; alone it gives that status's first example. */
  status?: number;
  /** A named example; alone its status is the one that documents it. */
  example?: string;
  /** How many of the next calls get it (default 1). */
  times?: number;
}

/** The test-suite controls, the same in-process and over HTTP. */
export interface MockControls {
  /** Requests received since the last reset (the latest 1000), oldest first. */
  requests(): Promise<RecordedRequest[]>;
  /** Forces the next call(s) of `operationId` to answer this documented scenario; queued after earlier ones. */
  once(operationId: string, response: ForcedResponse): Promise<void>;
  /** Clears recorded requests, forced responses and the stateful memory. */
  reset(): Promise<void>;
}

/** A forced response the mock cannot serve (unknown operation, undocumented scenario). */
export class MockControlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MockControlError';
  }
}

/** A long-running mock keeps only the latest requests (and state.ts the latest tokens). */
export const MAX_RECORDED = 1000;

export class ControlState {
  readonly state = new MockState();
  // `private`, not `#`: a `#private` in the declarations fails a consumer compiling for ES5, TypeScript's default target.
  private recorded: RecordedRequest[] = [];
  private forced = new Map<string, Array<{ scenario: Scenario; left: number }>>();

  /** @internal The operations are Prism's, whose types the package's declarations do not import. */
  constructor(private operations: () => IHttpOperation[]) {}

  record(entry: RecordedRequest): void {
    this.recorded.push({ ...entry, path: redactTokens(entry.path), ...(entry.body !== undefined && { body: redactBody(entry.body) }) });
    // Trimmed in batches: shifting a full list on every request of a load test costs more than the request's own record.
    if (this.recorded.length >= 2 * MAX_RECORDED) this.recorded.splice(0, this.recorded.length - MAX_RECORDED);
  }

  requests(): RecordedRequest[] {
    return this.recorded.slice(-MAX_RECORDED).map((r) => structuredClone(r));
  }

  force(operationId: string, response: ForcedResponse): void {
    const operation = this.operations().find((op) => op.iid === operationId);
    if (!operation)
      throw new MockControlError(
        `no operation "${operationId}" in the mock; it serves: ${this.operations()
          .map((op) => op.iid)
          .join(', ')}`,
      );
    const times = response.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new MockControlError(`times must be a positive integer; got ${String(response.times)}`);
    if (response.status === undefined && response.example === undefined) throw new MockControlError('give a status, an example name, or both');
    let scenario: Scenario;
    try {
      scenario = resolveScenario(operation, {
        ...(response.status !== undefined && { code: response.status }),
        ...(response.example !== undefined && { example: response.example }),
      });
    } catch (error) {
      throw error instanceof ScenarioError ? new MockControlError(error.message) : error;
    }
    const queue = this.forced.get(operationId) ?? [];
    queue.push({ scenario, left: times });
    this.forced.set(operationId, queue);
  }

  /** The forced scenario for this call of the operation, if any, used up as it is taken. */
  take(operationId: string | undefined): Scenario | undefined {
    const queue = operationId === undefined ? undefined : this.forced.get(operationId);
    const head = queue?.[0];
    if (!head) return undefined;
    if (--head.left === 0) queue!.shift();
    return head.scenario;
  }

  reset(): void {
    this.recorded = [];
    this.forced.clear();
    this.state.reset();
  }
}
