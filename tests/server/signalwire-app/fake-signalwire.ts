// A small real SignalWire Fabric stand-in on 127.0.0.1 for the handler tests:
// unique tokens per call, single-use refresh tokens (a second use is 422
// token_expired, as the provider answers), and a record of every call.
import { serve } from '../../support/local-server.ts';

interface UpstreamCall {
  path: string;
  body: Record<string, unknown>;
}

const b64 = (s: string) => Buffer.from(s).toString('base64url');
const jwe = (typ: string, n: number) =>
  [b64(`{"alg":"dir","enc":"A256GCM","typ":"${typ}"}`), '', b64(`iv-${n}`), b64(`ciphertext-${typ}-${n}`), b64(`tag-${n}`)].join('.');

export async function startFakeSignalWire(options: { refreshDelayMs?: number } = {}) {
  const calls: UpstreamCall[] = [];
  const live = new Set<string>();
  let n = 0;
  let failNext: number | undefined;
  // How often each refresh token was presented (a single-use token may be spent once), and what it gave.
  const spent = new Map<string, number>();
  const exchanged = new Map<string, { token: string; refresh_token: string }>();
  let gate: { arrive: () => void; released: Promise<void> } | undefined;
  const pair = () => {
    n++;
    const refresh = jwe('Refresh', n);
    live.add(refresh);
    return { token: jwe('SAT', n), refresh_token: refresh };
  };
  const server = await serve((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => {
      text += c;
    });
    req.on('end', async () => {
      const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
      const path = req.url ?? '';
      calls.push({ path, body });
      const send = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      };
      if (failNext !== undefined) {
        const status = failNext;
        failNext = undefined;
        return send(status, { error: 'Internal Server Error' });
      }
      if (path === '/api/fabric/subscribers/tokens') return send(200, { subscriber_id: '106cc2b4-e4ee-477e-9006-be24c5de6961', ...pair() });
      if (path === '/api/fabric/guests/tokens') return send(201, pair());
      if (path === '/api/fabric/subscribers/tokens/refresh') {
        const token = String(body.refresh_token);
        spent.set(token, (spent.get(token) ?? 0) + 1);
        if (gate) {
          const held = gate;
          gate = undefined;
          held.arrive();
          await held.released;
        }
        if (options.refreshDelayMs) await new Promise((r) => setTimeout(r, options.refreshDelayMs));
        if (!live.delete(token)) {
          return send(422, {
            errors: [
              {
                type: 'validation_error',
                code: 'token_expired',
                message: 'Token has expired.',
                attribute: 'refresh_token',
                url: 'https://signalwire.com/docs/rest/overview/error-codes#token_expired',
              },
            ],
          });
        }
        const next = pair();
        exchanged.set(token, next);
        return send(201, next);
      }
      send(404, { error: 'Not Found' });
    });
  });
  return {
    url: server.url,
    calls,
    count: (path: string) => calls.filter((c) => c.path === path).length,
    /** A pair minted directly (as if by an earlier request), to seed a store. */
    mintDirect: pair,
    /** The next call answers this status. */
    failNextWith(status: number) {
      failNext = status;
    },
    /** How many times each refresh token was presented for a refresh. */
    spent,
    /** The pair each spent refresh token was exchanged for. */
    exchanged,
    /**
     * Holds the next refresh (after it has spent its token) until `release()`: `arrived`
     * resolves once it is held. The test decides when SignalWire answers.
     */
    holdNextRefresh() {
      let arrive!: () => void;
      let release!: () => void;
      const arrived = new Promise<void>((r) => {
        arrive = r;
      });
      gate = { arrive, released: new Promise<void>((r) => (release = r)) };
      return { arrived, release };
    },
    /** Makes every live refresh token unusable (as if they all expired). */
    expireAll() {
      live.clear();
    },
    close: server.close,
  };
}

export type FakeSignalWire = Awaited<ReturnType<typeof startFakeSignalWire>>;

export const REFRESH_PATH = '/api/fabric/subscribers/tokens/refresh';
export const CREATE_PATH = '/api/fabric/subscribers/tokens';
export const GUEST_PATH = '/api/fabric/guests/tokens';
