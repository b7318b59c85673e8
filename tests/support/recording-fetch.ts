// An injected fetch for unit tests: records each Request and answers with
// whatever the test scripts. The client code under test runs unmodified.
interface Recorded {
  request: Request;
  body: string;
}

export function recordingFetch(answer: (request: Request) => Response | Promise<Response> = () => json(200, {})) {
  const calls: Recorded[] = [];
  const fetch = async (input: Request, init?: RequestInit) => {
    const request = new Request(input, init);
    calls.push({ request, body: await request.clone().text() });
    return answer(request);
  };
  return { fetch, calls };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** A fetch that never answers, but honours its abort signal like a real one. */
export function hangingFetch() {
  return (request: Request, init?: RequestInit) =>
    new Promise<Response>((_, reject) => {
      const signal = init?.signal ?? request.signal;
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
}
