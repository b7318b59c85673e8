// A stand-in for SignalWire's relay, enough for the real @signalwire/js 3.30
// in Chromium: a minimal WebSocket server (RFC 6455 handshake, text frames)
// on 127.0.0.1 that answers the JSON-RPC `signalwire.connect` and
// `signalwire.reauthenticate` and counts every method it receives. The SDK
// finds it through the token's JWE header `ch` (ws://127.0.0.1:<port>).
import { createHash } from 'node:crypto';
import { createServer, type AddressInfo, type Socket } from 'node:net';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** One server-to-client text frame (never masked). */
function frame(text: string): Buffer {
  const payload = Buffer.from(text);
  const n = payload.length;
  const header = n < 126 ? Buffer.from([0x81, n]) : Buffer.from([0x81, 126, n >> 8, n & 0xff]);
  return Buffer.concat([header, payload]);
}

/** Reads complete client frames (masked, up to 64 KiB) off `buffer`; returns what is left. */
function readFrames(buffer: Buffer, onFrame: (opcode: number, payload: Buffer) => void): Buffer {
  for (;;) {
    if (buffer.length < 2) return buffer;
    const opcode = buffer[0]! & 0x0f;
    let length = buffer[1]! & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (buffer.length < 4) return buffer;
      length = buffer.readUInt16BE(2);
      offset = 4;
    }
    if (buffer.length < offset + 4 + length) return buffer;
    const mask = buffer.subarray(offset, offset + 4);
    const payload = Buffer.from(buffer.subarray(offset + 4, offset + 4 + length));
    for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i % 4]!;
    onFrame(opcode, payload);
    buffer = buffer.subarray(offset + 4 + length);
  }
}

const connectResult = (expiresAt: number) => ({
  identity: 'test-identity',
  protocol: 'signalwire_fake_protocol',
  authorization: { jti: 'fake-jti', project_id: 'p-test', fabric_subscriber: { expires_at: expiresAt } },
});

export async function startFakeRelay() {
  const methods: string[] = [];
  // What the connect result says the token's expiry is (unix seconds; 0: not said).
  let expiresAt = 0;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffer: Buffer = Buffer.alloc(0);
    let upgraded = false;
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!upgraded) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const key = /^sec-websocket-key: *([^\r\n]+)/im.exec(buffer.subarray(0, end).toString())?.[1]?.trim() ?? '';
        const accept = createHash('sha1')
          .update(key + GUID)
          .digest('base64');
        socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
        upgraded = true;
        buffer = buffer.subarray(end + 4);
      }
      buffer = readFrames(buffer, (opcode, payload) => {
        if (opcode === 8) return socket.end(Buffer.from([0x88, 0]));
        if (opcode === 9) return socket.write(Buffer.concat([Buffer.from([0x8a, payload.length]), payload]));
        if (opcode !== 1) return;
        const message = JSON.parse(payload.toString()) as { id?: string; method?: string };
        if (!message.method) return;
        methods.push(message.method);
        socket.write(frame(JSON.stringify({ jsonrpc: '2.0', id: message.id, result: connectResult(expiresAt) })));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}`,
    /** Every JSON-RPC method received, in order. */
    methods,
    count: (method: string) => methods.filter((m) => m === method).length,
    /** The expiry the next connect and reauthenticate results report. */
    reportExpiry(unixSeconds: number) {
      expiresAt = unixSeconds;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
