// App-server instances in separate processes (fixtures/instance.ts under tsx),
// each with its own Redis link, for the multi-instance tests. Every process
// started is ended by `stopInstances` (stdin closes, then SIGTERM).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const repo = join(import.meta.dirname, '..', '..', '..');
const children: ChildProcess[] = [];

export interface InstanceReady {
  url?: string;
  error?: string;
  message?: string;
}

/** Starts one instance; resolves with the JSON line it prints once it serves (or fails). */
export async function startInstance(env: Record<string, string>, extraNodeArgs: string[] = []): Promise<InstanceReady> {
  const child = spawn(process.execPath, [...extraNodeArgs, '--import', 'tsx', join(import.meta.dirname, 'fixtures', 'instance.ts')], {
    cwd: repo,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.push(child);
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`instance exited with ${code} before it was ready`)));
  });
  return JSON.parse(line) as InstanceReady;
}

export function stopInstances(): void {
  for (const child of children.splice(0)) {
    child.stdin?.end();
    if (child.exitCode === null) child.kill('SIGTERM');
  }
}

export const FP = 'Qk9CLWRldmljZS1maW5nZXJwcmludC0xMjM0NTY3ODk';

function post(url: string, path: string) {
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer alice-session-7f3a9c' },
    body: JSON.stringify({ fingerprint: FP }),
  });
}

/** Alice's refresh on this device. */
export const renew = (url: string) => post(url, '/signalwire/tokens/subscriber/refresh');
/** Alice signs in on this device. */
export const issue = (url: string) => post(url, '/signalwire/tokens/subscriber');
