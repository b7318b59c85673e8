// `--log-format json`: the text log line's fields as one JSON object per
// request, for log shippers. The same fields, so still no header or body values.
import type { MockLogEntry } from './request-log.js';

export function formatRequestLogJson(e: MockLogEntry): string {
  return JSON.stringify({
    method: e.method,
    path: e.path,
    status: e.status,
    ...(e.operationId && { operationId: e.operationId }),
    ms: Math.round(e.ms * 10) / 10,
    ...(e.detail && { detail: e.detail }),
  });
}
