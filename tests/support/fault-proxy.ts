// A small fault-injecting TCP proxy for tests (put it between an app-server
// instance and redis-server). Faults are switched on command, never on a
// clock: `cut()` drops every connection and refuses new ones until
// `restore()`; `hold()` delays every byte both ways until `release()` (a link
// as slow as the test wants, then everything arrives in order).
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';

export interface FaultProxy {
  /** redis://127.0.0.1:<port>, to hand to the instance instead of the server's own URL. */
  url: string;
  port: number;
  /** Resolves once a connection is open through the proxy (at once if one is). */
  linked(): Promise<void>;
  cut(): void;
  restore(): void;
  hold(): void;
  release(): void;
  close(): Promise<void>;
}

interface Link {
  client: Socket;
  server: Socket;
}

export async function startFaultProxy(targetPort: number, scheme = 'redis'): Promise<FaultProxy> {
  const links = new Set<Link>();
  let cut = false;
  let held: (() => void)[] | undefined;
  const onLink: (() => void)[] = [];
  /** Forwards `from` to `to`, or queues the write while the link is held. */
  const forward = (from: Socket, to: Socket) =>
    from.on('data', (chunk: Buffer) => {
      if (held) held.push(() => to.write(chunk));
      else to.write(chunk);
    });
  const server = createServer((client) => {
    if (cut) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1');
    const link = { client, server: upstream };
    links.add(link);
    const drop = () => {
      links.delete(link);
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) {
      socket.on('error', drop);
      socket.on('close', drop);
    }
    forward(client, upstream);
    forward(upstream, client);
    upstream.once('connect', () => {
      for (const resolve of onLink.splice(0)) resolve();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    port,
    linked: () => (links.size > 0 ? Promise.resolve() : new Promise<void>((resolve) => onLink.push(resolve))),
    cut() {
      cut = true;
      held = undefined;
      for (const link of links) {
        link.client.destroy();
        link.server.destroy();
      }
      links.clear();
    },
    restore() {
      cut = false;
    },
    hold() {
      held ??= [];
    },
    release() {
      const queued = held ?? [];
      held = undefined;
      for (const write of queued) write();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const link of links) link.client.destroy();
        server.close(() => resolve());
      }),
  };
}
