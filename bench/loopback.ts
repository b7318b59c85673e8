// Starts bench/loopback-server.ts in a child process and gives its base URL.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

export interface Loopback {
  readonly baseUrl: string;
  stop(): void;
}

export async function startLoopback(): Promise<Loopback> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'loopback-server.ts')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const [chunk] = (await Promise.race([
    once(child.stdout!, 'data'),
    once(child, 'exit').then(() => {
      throw new Error('loopback server exited before listening');
    }),
  ])) as [Buffer];
  const port = Number(String(chunk).trim());
  if (!Number.isInteger(port) || port <= 0) throw new Error(`loopback server printed no port: ${String(chunk)}`);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: () => {
      child.stdin!.end();
    },
  };
}
