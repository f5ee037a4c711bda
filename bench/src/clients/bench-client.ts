import { WebSocket, type RawData } from 'ws';
import type { Dialect } from '../protocol/dialect.js';
import { EMPTY_STATE_VECTOR, readServerMessage, syncStep1, updateKey } from '../protocol/frames.js';
import type { WireMeter } from './wire-meter.js';

export interface ClientTarget {
  base: string;
  dialect: Dialect;
  documentId: string;
  token: string;
}

export interface BenchClientOptions {
  /** Called for every document update delivered (not for sync step 2). */
  onUpdate?: (key: number, at: number) => void;
  /** Called with the full state when the server answers our sync step 1. */
  onStep2?: (update: Uint8Array) => void;
  onUpdateBytes?: (update: Uint8Array) => void;
  /** Called with the arrival index (0-based, this connection) of the first update or step 2: where the answer begins. */
  onAnswerStart?: (messageIndex: number) => void;
  /** Reads the socket's raw bytes alongside ws (one connection: not with `reconnect`). */
  meter?: WireMeter;
  /** Reconnect with y-websocket's backoff (100 ms doubling, 2.5 s cap), jittered. */
  reconnect?: boolean;
}

/**
 * A y-websocket client without a Y.Doc: it asks for the full state, then only
 * counts and timestamps what arrives, so thousands fit in the generator.
 */
export interface BenchClient {
  readonly target: ClientTarget;
  /** performance.now() when the current connection attempt synced, else undefined. */
  readonly syncedAt: number | undefined;
  readonly connects: number;
  readonly updates: number;
  readonly awareness: number;
  readonly errors: string[];
  send(frame: Uint8Array): void;
  synced(): Promise<number>;
  close(): void;
}

export function connectBenchClient(target: ClientTarget, options: BenchClientOptions = {}): BenchClient {
  const { dialect, documentId } = target;
  let socket: WebSocket | undefined;
  let syncedAt: number | undefined;
  let connects = 0;
  let failures = 0;
  let updates = 0;
  let awareness = 0;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  const errors: string[] = [];
  let waiters: ((at: number) => void)[] = [];
  let messages = 0;
  let answered = false;

  function onMessage(data: RawData): void {
    const frame = data instanceof Buffer ? data : Buffer.concat(data as Buffer[]);
    const message = readServerMessage(dialect.open(new Uint8Array(frame.buffer, frame.byteOffset, frame.byteLength)));
    messages += 1;
    if (!answered && (message.kind === 'update' || message.kind === 'step2')) {
      answered = true;
      options.onAnswerStart?.(messages - 1);
    }
    if (message.kind === 'update') {
      updates += 1;
      options.onUpdate?.(updateKey(message.update), performance.now());
      options.onUpdateBytes?.(message.update);
    } else if (message.kind === 'step2' && syncedAt === undefined) {
      syncedAt = performance.now();
      failures = 0;
      options.onStep2?.(message.update);
      for (const waiter of waiters) waiter(syncedAt);
      waiters = [];
    } else if (message.kind === 'awareness') {
      awareness += 1;
    }
  }

  function open(): void {
    connects += 1;
    syncedAt = undefined;
    messages = 0;
    answered = false;
    const ws = new WebSocket(dialect.url(target.base, documentId, target.token), {
      perMessageDeflate: false,
      ...(options.meter ? { createConnection: options.meter.createConnection } : {}),
    });
    socket = ws;
    ws.binaryType = 'nodebuffer';
    ws.on('open', () => {
      for (const frame of dialect.hello(documentId, target.token)) ws.send(frame);
      ws.send(dialect.wrap(documentId, syncStep1(EMPTY_STATE_VECTOR)));
    });
    ws.on('message', onMessage);
    ws.on('error', (error: Error) => {
      if (errors.length < 5) errors.push(error.message);
    });
    ws.on('close', () => {
      if (closed || !options.reconnect) return;
      const backoff = Math.min(100 * 2 ** failures, 2500) * (0.5 + Math.random() / 2);
      failures += 1;
      timer = setTimeout(open, backoff);
    });
  }

  open();
  return {
    target,
    get syncedAt() {
      return syncedAt;
    },
    get connects() {
      return connects;
    },
    get updates() {
      return updates;
    },
    get awareness() {
      return awareness;
    },
    errors,
    send(frame) {
      if (socket?.readyState === WebSocket.OPEN) socket.send(dialect.wrap(documentId, frame));
    },
    synced() {
      if (syncedAt !== undefined) return Promise.resolve(syncedAt);
      return new Promise((resolve) => waiters.push(resolve));
    },
    close() {
      closed = true;
      clearTimeout(timer);
      socket?.terminate();
    },
  };
}
