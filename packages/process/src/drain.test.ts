import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { drainOnSignals } from './drain.js';
import { createLogger } from './logger.js';

function capture(service = 'sync', level = 'info') {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({ service, level, destination: { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) } });
  return { logger, lines };
}

describe('drainOnSignals', () => {
  function harness(drain: () => Promise<void>, timeoutMs = 1000) {
    const { logger, lines } = capture();
    const exits: number[] = [];
    const exited = new EventEmitter();
    const remove = drainOnSignals({ logger, drain, timeoutMs, exit: (code) => (exits.push(code), exited.emit('exit')) });
    const nextExit = () => new Promise((resolve) => exited.once('exit', resolve));
    return { lines, exits, remove, nextExit };
  }

  it('drains once on SIGTERM and exits 0 after logging "stopped"', async () => {
    let drains = 0;
    const h = harness(async () => void (drains += 1));
    const exit = h.nextExit();
    process.emit('SIGTERM', 'SIGTERM');
    await exit;
    h.remove();
    expect(drains).toBe(1);
    expect(h.exits).toEqual([0]);
    expect(h.lines.map((l) => l.msg)).toEqual(['draining: finishing in-flight requests', 'stopped']);
  });

  it('exits 1 when draining outlives its timeout, and at once on a second signal', async () => {
    const h = harness(() => new Promise(() => undefined), 20);
    const first = h.nextExit();
    process.emit('SIGINT', 'SIGINT');
    await first;
    expect(h.exits).toEqual([1]);
    const second = h.nextExit();
    process.emit('SIGINT', 'SIGINT');
    await second;
    h.remove();
    expect(h.exits).toEqual([1, 1]);
    expect(h.lines.map((l) => l.msg)).toEqual(['draining: finishing in-flight requests', 'draining took too long: exiting', 'second signal: exiting now']);
  });
});
