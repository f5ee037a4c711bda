// `pnpm --filter @codesync/bench floor`: what one delivery costs this machine at
// the bottom of the stack, with no Yjs and no server logic — the floor under S1's
// "CPU per delivery". Receivers run in a child process, as the load generator does.
import { fork } from 'node:child_process';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';

const SOCKETS = 1000;
const ROUNDS = 200;

async function main(): Promise<void> {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as { port: number };
  const child = fork(fileURLToPath(new URL('./floor-receivers.ts', import.meta.url)), [String(port), String(SOCKETS)], {
    execArgv: ['--import', 'tsx'],
  });
  try {
    await new Promise((resolve) => child.once('message', resolve));
    const sockets = [...server.clients];
    const payload = new Uint8Array(32).fill(1);
    const rows: [string, number][] = [];
    const measure = async (label: string, framesPerWrite: number, deliver: (socket: WebSocket) => void) => {
      for (let i = 0; i < 20; i++) sockets.forEach(deliver); // warm-up
      await new Promise((resolve) => setTimeout(resolve, 200));
      const start = process.cpuUsage();
      for (let round = 0; round < ROUNDS; round++) {
        sockets.forEach(deliver);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const used = process.cpuUsage(start);
      rows.push([label, (used.user + used.system) / (SOCKETS * ROUNDS * framesPerWrite)]);
    };
    await measure('ws send(): one 32-byte frame per write', 1, (socket) => socket.send(payload, { binary: true }));
    await measure('ws send() × 4 inside one cork: 4 frames per write', 4, (socket) => {
      // ws keeps its TCP socket private; corking it is how frames would be batched into one write.
      const raw = (socket as unknown as { _socket: Socket })._socket;
      raw.cork();
      for (let i = 0; i < 4; i++) socket.send(payload, { binary: true });
      process.nextTick(() => raw.uncork());
    });
    console.log(`\nCPU per delivered frame in the sending process (${SOCKETS} sockets × ${ROUNDS} rounds, receivers in a child process)\n`);
    console.log('| how | µs per frame |\n| --- | --- |');
    for (const [label, micros] of rows) console.log(`| ${label} | ${micros.toFixed(2)} |`);
  } finally {
    child.kill();
    server.close();
  }
}

await main();
