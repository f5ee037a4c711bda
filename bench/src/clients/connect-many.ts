import type { RunningSystem } from '../systems/catalog.js';
import type { TokenFactory } from '../tokens.js';
import { connectBenchClient, type BenchClient, type BenchClientOptions } from './bench-client.js';

export interface Placement {
  documentId: string;
  /** Index of the instance to connect to (clamped to the instances there are). */
  instance: number;
}

/** Fails after `ms` with a message naming what did not happen. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Connects clients in waves of `concurrency` and waits until each is synced,
 * so thousands of joins neither overflow the listen backlog nor time out.
 */
export async function connectMany(
  system: RunningSystem,
  tokens: TokenFactory,
  placements: Placement[],
  options: BenchClientOptions & { concurrency?: number; timeoutMs?: number; firstUser?: number } = {},
): Promise<BenchClient[]> {
  const signed = await tokens.many(placements.map((p, i) => ({ documentId: p.documentId, n: (options.firstUser ?? 0) + i })));
  const clients: BenchClient[] = [];
  const concurrency = options.concurrency ?? 250;
  for (let start = 0; start < placements.length; start += concurrency) {
    const wave = placements.slice(start, start + concurrency).map((placement, i) => {
      const instance = system.instances[Math.min(placement.instance, system.instances.length - 1)];
      if (!instance) throw new Error('system has no instance');
      const token = signed[start + i] ?? '';
      return connectBenchClient({ base: instance.base, dialect: system.spec.dialect, documentId: placement.documentId, token }, options);
    });
    clients.push(...wave);
    await withTimeout(Promise.all(wave.map((c) => c.synced())), options.timeoutMs ?? 30_000, `${wave.length} clients to sync`).catch(
      (error: Error) => {
        const sample = wave.find((c) => c.errors.length > 0)?.errors[0];
        closeAll(clients);
        throw new Error(`${error.message}${sample ? ` (e.g. ${sample})` : ''}`);
      },
    );
  }
  return clients;
}

export function closeAll(clients: Iterable<{ close(): void }>): void {
  for (const client of clients) client.close();
}
