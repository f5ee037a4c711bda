import { awarenessMessage, updateMessage } from '../protocol/frames.js';
import { sleep } from '../stats.js';
import type { BenchClient } from './bench-client.js';
import type { LatencyRecorder } from './latency.js';
import type { TypedUpdates } from './typing.js';

export interface Typist {
  client: BenchClient;
  typed: TypedUpdates;
  /** Index of the next update of `typed` to send. */
  next: number;
  awarenessClock: number;
}

/**
 * Every typist sends `opsPerSecond` keystrokes for `seconds` (each on its own
 * phase), and with `awarenessHz` a cursor update that often. Bounded: it
 * sends exactly what it planned, then returns.
 */
export async function runTyping(
  typists: Typist[],
  recorder: LatencyRecorder,
  options: { opsPerSecond: number; seconds: number; awarenessHz: number },
): Promise<number> {
  const ops = Math.round(options.opsPerSecond * options.seconds);
  const interval = 1000 / options.opsPerSecond;
  let sent = 0;
  const one = async (typist: Typist) => {
    await sleep(Math.random() * interval);
    const start = performance.now();
    const awarenessEvery = options.awarenessHz > 0 ? Math.max(1, Math.round(options.opsPerSecond / options.awarenessHz)) : 0;
    for (let i = 0; i < ops; i++) {
      const index = typist.next++;
      const update = typist.typed.updates[index];
      if (!update) break;
      recorder.sent(typist.typed.keys[index] ?? -1, performance.now());
      typist.client.send(updateMessage(update));
      sent += 1;
      if (awarenessEvery > 0 && i % awarenessEvery === 0) {
        typist.awarenessClock += 1;
        const cursor = { anchor: index, head: index };
        typist.client.send(awarenessMessage(typist.typed.clientId, typist.awarenessClock, { user: { name: `typist-${typist.typed.clientId}` }, cursor }));
      }
      await sleep(Math.max(0, start + (i + 1) * interval - performance.now()));
    }
  };
  await Promise.all(typists.map(one));
  return sent;
}
