import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { pino } from 'pino';
import { waitFor } from '@codesync/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppEnv } from './context.js';
import { handleError } from './middleware/error-handler.js';
import { requestLogger } from './middleware/request-logger.js';

// Found by the fault suite's HTTP fuzzer (faults/src/http-fuzz.integration.test.ts):
// a request node's parser gives up on while the app reads its body (here
// `Transfer-Encoding: gzip`, answered 400 by node; the same happens when a client
// hangs up mid-upload) made the body read reject with node's `aborted`, which the
// error handler logged as "unhandled error" and a 500 "request failed": an
// error-level alert for something the client did.
describe('a request aborted while its body is read', () => {
  let close: (() => void) | undefined;
  afterEach(() => close?.());

  it('is logged as the client going away, not as a server error', async () => {
    const lines: Array<{ level: number; msg: string; status?: number }> = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const app = new Hono<AppEnv>();
    app.use(requestId());
    app.use(requestLogger(logger));
    app.post('/upload', async (c) => c.text(String((await c.req.text()).length)));
    app.onError(handleError);
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    close = () => server.close();
    await new Promise<void>((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;

    await new Promise<void>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      socket.on('error', reject);
      socket.on('data', () => undefined);
      socket.on('close', () => resolve());
      socket.write('POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\nabc');
    });
    // The app's side of the aborted request ends after the socket closes: wait for its log line.
    await waitFor(() => lines.some((line) => line.status !== undefined), { what: 'the request log line' });
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
    expect(lines.find((line) => line.status !== undefined)?.status).toBe(400);
  });
});
