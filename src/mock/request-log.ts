// One readable line per request: method, path, status, operation, time, and
// why (violations, missing credential, chosen scenario). Never headers or
// bodies, so no credential can reach the log.
export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  operationId?: string;
  ms: number;
  detail?: string;
}

export function formatRequestLog(e: RequestLogEntry): string {
  const op = e.operationId ? ` ${e.operationId}` : '';
  const detail = e.detail ? ` - ${e.detail}` : '';
  return `${e.method} ${e.path} -> ${e.status}${op} (${e.ms.toFixed(1)} ms)${detail}`;
}
