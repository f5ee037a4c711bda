import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { until } from '../stats.js';
import { createWireMeter } from './wire-meter.js';

// Payload sizes with each length encoding of RFC 6455 §5.2: 7-bit, 16-bit and 64-bit.
const SIZES = [10, 300, 70_000];

let server: WebSocketServer | undefined;

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

describe('wire meter', () => {
  it('stamps the first byte of every message and counts every byte read, whatever the length encoding', async () => {
    server = new WebSocketServer({ port: 0 });
    server.on('connection', (socket) => {
      socket.ping();
      for (const size of SIZES) socket.send(Buffer.alloc(size, 1));
    });
    await new Promise((resolve) => server?.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    const meter = createWireMeter();
    const received: number[] = [];
    const client = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: false, createConnection: meter.createConnection });
    client.on('message', (data: Buffer) => received.push(data.byteLength));
    try {
      expect(await until(() => received.length === SIZES.length, 10_000)).toBe(true);
      expect(received).toEqual(SIZES);
      // The ping is a control frame, not a message: three messages, no fourth.
      expect(SIZES.map((_, index) => typeof meter.messageStartedAt(index))).toEqual(['number', 'number', 'number']);
      expect(meter.messageStartedAt(SIZES.length)).toBeUndefined();
      // Frame headers: 2, 4 and 10 bytes; the ping's is 2. Before them, the upgrade response (a few
      // hundred bytes); the bytes that came with it are counted once although ws feeds them in again.
      const frames = 10 + 2 + (300 + 4) + (70_000 + 10) + 2;
      expect(meter.bytesRead - frames).toBeGreaterThan(50);
      expect(meter.bytesRead - frames).toBeLessThan(500);
    } finally {
      client.terminate();
    }
  });
});
