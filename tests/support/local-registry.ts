// A real npm registry on 127.0.0.1 (Verdaccio, a dev dependency), storage in a
// temp dir, stopped by its PID. This project's packages are local only: they
// are published here and never looked up elsewhere. Every other name goes to
// an uplink, the registry npm itself is configured with, so a consumer installs
// the real openapi-fetch, Prism, ... by name through this one registry, as a
// user would, without this test republishing some 150 packages by hand.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './local-server.ts';

const repo = join(import.meta.dirname, '..', '..');
/** The packages this repository publishes (the root and packages/tools). */
const LOCAL_PACKAGES = ['rtc-token-apis', 'rtc-token-apis-tools'];

export interface LocalRegistry {
  /** http://127.0.0.1:<port>/ */
  url: string;
  /** An npm userconfig naming the registry, with a token so `npm publish` is allowed. */
  npmrc: string;
  stop(): Promise<void>;
}

export async function startLocalRegistry(): Promise<LocalRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'rtc-registry-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const upstream = execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).trim();
  const local = LOCAL_PACKAGES.map((name) => `  '${name}':\n    access: $all\n    publish: $all\n`).join('');
  writeFileSync(
    join(dir, 'config.yaml'),
    `storage: ${join(dir, 'storage')}
auth:
  htpasswd:
    file: ${join(dir, 'htpasswd')}
    max_users: -1
uplinks:
  upstream:
    url: ${upstream}
    timeout: 60s
packages:
${local}  '**':
    access: $all
    proxy: upstream
web:
  enable: false
log: { type: stdout, format: json, level: warn }
`,
  );
  const npmrc = join(dir, 'npmrc');
  writeFileSync(npmrc, `registry=${url}\n//127.0.0.1:${port}/:_authToken=local-test-token\n`);
  const child = spawn(
    process.execPath,
    [join(repo, 'node_modules', 'verdaccio', 'bin', 'verdaccio'), '--config', join(dir, 'config.yaml'), '--listen', `127.0.0.1:${port}`],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  // The last of its output, for the error if it stops before it is ready; it keeps draining after.
  let out = '';
  const keep = (chunk: Buffer) => {
    out = (out + chunk).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  try {
    await new Promise<void>((resolve, reject) => {
      // Ready when it logs the address it listens on (JSON lines, level warn).
      const ready = () => {
        if (out.includes(`"addr":"${url}"`)) {
          child.stdout!.off('data', ready);
          resolve();
        }
      };
      child.stdout!.on('data', ready);
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`verdaccio exited (${code}): ${out}`)));
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    npmrc,
    stop: async () => {
      if (child.exitCode === null) process.kill(child.pid!, 'SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
