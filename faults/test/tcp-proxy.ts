import { createServer, connect, type Server, type Socket } from 'node:net';
import { freePort } from '@codesync/testing';

export interface Target {
  host: string;
  port: number;
}

export interface TcpProxy {
  port: number;
  /** Refuses new connections and cuts the open ones, as if the server behind had died. */
  stop(): Promise<void>;
  /** Accepts and forwards again, on the same port. */
  start(): Promise<void>;
}

/** Connects to the first target (from `first`, round the list) that accepts. */
function connectAny(targets: Target[], first: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const attempt = (tried: number) => {
      if (tried === targets.length) return reject(new Error('no target accepted the connection'));
      const target = targets[(first + tried) % targets.length]!;
      const socket = connect(target.port, target.host);
      socket.once('connect', () => resolve(socket));
      socket.once('error', () => {
        socket.destroy();
        attempt(tried + 1);
      });
    };
    attempt(0);
  });
}

/**
 * A loopback TCP forwarder: each connection goes to the next target round the
 * list that accepts it (a load balancer for several, a plain forwarder for
 * one). The thing under test talks to the proxy's port, so the test can take
 * a service away (and give it back) without touching the service itself.
 */
export async function startTcpProxy(targets: Target[]): Promise<TcpProxy> {
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let next = 0;

  function track(socket: Socket): void {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  }

  function forward(client: Socket): void {
    track(client);
    client.pause();
    next += 1;
    connectAny(targets, next).then(
      (upstream) => {
        track(upstream);
        client.pipe(upstream).pipe(client);
        client.resume();
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      },
      () => client.destroy(),
    );
  }

  async function start(): Promise<void> {
    const listening = createServer(forward);
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(port, '127.0.0.1', resolve);
    });
    server = listening;
  }

  async function stop(): Promise<void> {
    const closing = server;
    server = undefined;
    if (!closing) return;
    const closed = new Promise<void>((resolve) => closing.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  }

  await start();
  return { port, stop, start };
}
