// An injected fetch for unit tests: records each Request and answers with
// whatever the test scripts. The client code under test runs unmodified.
export interface Recorded {
  request: Request;
  body: string;
}

export function recordingFetch(answer: (request: Request) => Response | Promise<Response> = () => json(200, {})) {
  const calls: Recorded[] = [];
  const fetch = async (input: Request, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    calls.push({ request, body: await request.clone().text() });
    return answer(request);
  };
  return { fetch, calls };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/**
 * In-flight stub requests, rooted at module level. A real fetch keeps its
 * request reachable through the socket; a stub must too, because undici links
 * a Request's signal to its parent only weakly, and an unreachable
 * request/promise cycle would be collected and never see the abort.
 */
const inFlight = new Set<Request>();

/** A fetch that never answers, but honours its abort signal like a real one. */
export function hangingFetch() {
  return (request: Request) =>
    new Promise<Response>((_, reject) => {
      inFlight.add(request);
      request.signal.addEventListener('abort', () => {
        inFlight.delete(request);
        reject(request.signal.reason);
      }, { once: true });
    });
}
