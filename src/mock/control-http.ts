// The test-suite controls over HTTP, under a reserved prefix no API uses:
//   GET  /__mock/requests             -> { requests: [...] }
//   POST /__mock/once  {operationId, status?, example?, times?} -> 204
//   POST /__mock/reset  {}             -> 204
// For suites whose mock runs in another process (a globalSetup, a CI service).
// guard.ts has already refused web pages: POSTs here are JSON, same-origin.
import type { IncomingMessage } from 'node:http';
import { MockControlError, type ControlState, type ForcedResponse } from './controls.js';
import { readRequestText } from './http-input.js';
import { problem, type MockReply } from './responses.js';

export const CONTROL_PREFIX = '/__mock';

const json = (status: number, body: unknown): MockReply => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const empty: MockReply = { status: 204, headers: {}, body: '' };

export async function controlReply(controls: ControlState, req: IncomingMessage, path: string): Promise<MockReply> {
  const route = `${req.method} ${path.slice(CONTROL_PREFIX.length)}`;
  try {
    if (route === 'GET /requests') return json(200, { requests: controls.requests() });
    if (route === 'POST /reset') {
      controls.reset();
      return empty;
    }
    if (route === 'POST /once') {
      let body: { operationId?: unknown } & ForcedResponse;
      try {
        body = JSON.parse((await readRequestText(req, 64 * 1024)) ?? '');
      } catch {
        return problem(400, 'Invalid mock control request', 'the body must be JSON: {"operationId": "...", "status": 422, "example": "...", "times": 1}');
      }
      controls.force(String(body?.operationId), body);
      return empty;
    }
  } catch (error) {
    if (error instanceof MockControlError) return problem(400, 'Invalid mock control request', error.message);
    throw error;
  }
  return problem(404, 'No such mock control', `${CONTROL_PREFIX} offers GET /requests, POST /once and POST /reset; got ${route}`);
}
