// Issue 12 points 6 and 9 for `verify`: every credential it was given, in
// every form a server might echo, is scrubbed from every report line and from
// --json; --timeout is checked against the timer limit (exit 2, limit named).
import { afterEach, describe, expect, it } from 'vitest';
import { runVerifyCli } from '../../src/verify/cli.ts';
import { closeServers, recordingServer } from '../support/local-server.ts';
import { canaryForms } from '../support/canary-forms.ts';

const track = closeServers(afterEach);

const PROJECT = 'verify-canary-proj';
const TOKEN = 'PT+verify/canary=tok&"9';
const FORBIDDEN = canaryForms([TOKEN], [PROJECT, TOKEN]);

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runVerifyCli(args, { SIGNALWIRE_PROJECT_ID: PROJECT, SIGNALWIRE_API_TOKEN: TOKEN }, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, text: [...out, ...err].join('\n') };
}

describe('verify never prints a credential it was given', () => {
  it('a text/plain echo of the decoded project:token, in every form, in body and content-type lines and --json', async () => {
    const server = await recordingServer((req, res) => {
      const auth = String(req.headers.authorization ?? '');
      const pair = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString() : '';
      const forms = [pair, encodeURIComponent(pair), JSON.stringify(pair).slice(1, -1), auth].join(' ');
      res.writeHead(200, { 'content-type': `text/plain; x=${forms.replace(/[^\x20-\x7e]/g, '?')}` }).end(`echo ${forms}`);
    });
    await track(server);
    for (const extra of [[], ['--json']]) {
      const { code, text } = await run(['--api', 'signalwire-fabric', '--target', server.url, '--allow-mutations', ...extra]);
      expect(code).toBe(1);
      expect(text).toContain('[REDACTED]');
      expect(
        FORBIDDEN.filter((s) => text.includes(s)),
        text.slice(0, 400),
      ).toEqual([]);
    }
  });

  for (const value of ['2147483648', '5e9', '0', '1.5', 'soon']) {
    it(`--timeout ${value} is a usage error (exit 2) naming the limit`, async () => {
      const { code, text } = await run(['--api', 'signalwire-fabric', '--target', 'http://127.0.0.1:9', '--timeout', value]);
      expect(code).toBe(2);
      expect(text).toContain('--timeout must be a positive number of milliseconds, at most 2147483647');
    });
  }
});
