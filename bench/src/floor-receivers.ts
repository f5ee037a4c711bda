// Child of floor.ts: opens N WebSocket clients to the port it is given and reads everything.
import { WebSocket } from 'ws';

const [port, count] = process.argv.slice(2).map(Number);
let open = 0;
for (let i = 0; i < (count ?? 0); i++) {
  const socket = new WebSocket(`ws://127.0.0.1:${port}`);
  socket.on('message', () => undefined);
  socket.on('open', () => {
    open += 1;
    if (open === count) process.send?.('ready');
  });
}
