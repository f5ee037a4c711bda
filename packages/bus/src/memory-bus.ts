import { EventEmitter } from 'node:events';
import type { BusEvent } from '@codesync/protocol';
import {
  compareEntryIds,
  markersOf,
  REVOCATION_TTL_MS,
  revocationMarkers,
  revokedAfter,
  type BusEntry,
  type DocumentBus,
  type EntriesListener,
  type EntryKind,
} from './document-bus.js';
import type { LogPersistence } from './log-files.js';
import { createMemoryRecords } from './memory-records.js';
import type { RecordFiles } from './record-files.js';

/**
 * The bus in one process (embedded mode): the same contract as Redis streams,
 * with deliveries made asynchronously and in order, as a network would. With
 * `persistence`, update logs are also kept on disk and survive a restart.
 */
export function createMemoryBus(
  options: { persistence?: LogPersistence; records?: RecordFiles; clientTimeIntervalMs?: number } = {},
): DocumentBus {
  const { persistence } = options;
  const { deleteRecords, ...records } = createMemoryRecords(options.records, options.clientTimeIntervalMs);
  const logs = new Map<string, BusEntry[]>();
  const loads = new Map<string, Promise<void>>();
  const ready = new Set<string>();
  const listeners = new Map<string, Set<EntriesListener>>();
  const events = new EventEmitter().setMaxListeners(0);
  const revocations = new Map<string, number>();
  const leases = new Map<string, { holder: string; expiresAt: number }>();
  /** Per document, the id of the last entry trimmed (the same contract as the Redis trim marker). */
  const trimmedUpTo = new Map<string, string>();
  let sequence = 0;

  const logOf = (documentId: string) => {
    let log = logs.get(documentId);
    if (!log) logs.set(documentId, (log = []));
    return log;
  };

  /** Reads a document's log file once, before anything else touches its log. */
  function loaded(documentId: string): Promise<void> {
    if (!persistence) return Promise.resolve();
    let load = loads.get(documentId);
    if (!load) {
      load = persistence.load(documentId).then((entries) => {
        logs.set(documentId, [...entries, ...(logs.get(documentId) ?? [])]);
        ready.add(documentId);
      });
      load.catch(() => loads.delete(documentId)); // let a later call try again
      loads.set(documentId, load);
    }
    return load;
  }

  /** Subscribers present at append time; a later one finds the entry in its backlog. */
  function subscribersOf(documentId: string): EntriesListener[] {
    return [...(listeners.get(documentId) ?? [])];
  }

  function deliver(documentId: string, entry: BusEntry, targets = subscribersOf(documentId)): void {
    if (targets.length === 0) return;
    queueMicrotask(() => {
      for (const listener of targets) listener(documentId, [entry]);
    });
  }

  // Ids like Redis's: `<ms>-<seq>`, increasing even when the clock is not.
  let lastMs = 0;
  function entry(kind: EntryKind, origin: string, data: Uint8Array): BusEntry {
    const now = Date.now();
    if (now > lastMs) {
      lastMs = now;
      sequence = 0;
    } else {
      sequence += 1;
    }
    return { id: `${lastMs}-${sequence}`, kind, origin, data: data.slice() };
  }

  return {
    ...records,
    async appendUpdate(documentId, update, origin) {
      await loaded(documentId);
      const appended = entry('update', origin, update);
      logOf(documentId).push(appended);
      const targets = subscribersOf(documentId);
      await persistence?.append(documentId, appended);
      deliver(documentId, appended, targets);
      return appended.id;
    },
    async publishAwareness(documentId, update, origin) {
      deliver(documentId, entry('awareness', origin, update));
    },
    async readUpdates(documentId, afterId = '0') {
      await loaded(documentId);
      return (logs.get(documentId) ?? []).filter((e) => compareEntryIds(e.id, afterId) > 0);
    },
    async updateCount(documentId) {
      await loaded(documentId);
      return logs.get(documentId)?.length ?? 0;
    },
    async documentsWithUpdates() {
      const onDisk = persistence ? await persistence.documents() : [];
      await Promise.all(onDisk.map((documentId) => loaded(documentId)));
      return [...logs.entries()].filter(([, log]) => log.length > 0).map(([documentId]) => documentId);
    },
    async trimUpdates(documentId, uptoId) {
      await loaded(documentId);
      const log = logs.get(documentId);
      if (!log) return;
      const remaining = log.filter((e) => compareEntryIds(e.id, uptoId) > 0);
      const lastTrimmed = log[log.length - remaining.length - 1];
      if (lastTrimmed) trimmedUpTo.set(documentId, lastTrimmed.id);
      logs.set(documentId, remaining);
      await persistence?.rewrite(documentId, remaining);
    },
    async deleteDocument(documentId) {
      await loaded(documentId);
      logs.set(documentId, []);
      trimmedUpTo.delete(documentId);
      await persistence?.remove(documentId);
      await deleteRecords(documentId);
    },
    subscribe(documentId, afterId, listener, onTrimmed) {
      // Each subscription gets its own wrapper so the same listener can subscribe twice.
      const wrapped: EntriesListener = (id, entries) => listener(id, entries);
      let active = true;
      const attach = () => {
        if (!active) return;
        let targets = listeners.get(documentId);
        if (!targets) listeners.set(documentId, (targets = new Set()));
        const backlog = (logs.get(documentId) ?? []).filter((e) => compareEntryIds(e.id, afterId) > 0);
        const trimmed = trimmedUpTo.get(documentId);
        if (afterId !== '0' && trimmed !== undefined && compareEntryIds(trimmed, afterId) > 0) {
          queueMicrotask(() => onTrimmed?.(documentId));
        }
        if (backlog.length > 0) queueMicrotask(() => listener(documentId, backlog));
        targets.add(wrapped);
      };
      if (!persistence || ready.has(documentId)) attach();
      else void loaded(documentId).then(attach);
      return {
        unsubscribe() {
          active = false;
          const targets = listeners.get(documentId);
          targets?.delete(wrapped);
          if (targets?.size === 0) listeners.delete(documentId);
        },
      };
    },
    async publishEvent(event: BusEvent) {
      const now = Date.now();
      for (const marker of revocationMarkers(event)) revocations.set(marker, now);
      queueMicrotask(() => events.emit('event', event));
    },
    async revokedBy(query) {
      const found = markersOf(query).find(([, marker]) => {
        const at = revocations.get(marker);
        return at !== undefined && at > Date.now() - REVOCATION_TTL_MS && revokedAfter(query.issuedAtMs, at);
      });
      return found?.[0] ?? null;
    },
    async markerTimes(markers) {
      const times = new Map<string, number>();
      for (const marker of markers) {
        const at = revocations.get(marker);
        if (at !== undefined && at > Date.now() - REVOCATION_TTL_MS) times.set(marker, at);
      }
      return times;
    },
    onEvent(listener) {
      events.on('event', listener);
      return { unsubscribe: () => events.off('event', listener) };
    },
    async acquireLease(name, holder, ttlMs) {
      const lease = leases.get(name);
      const now = Date.now();
      if (lease && lease.expiresAt > now && lease.holder !== holder) return false;
      leases.set(name, { holder, expiresAt: now + ttlMs });
      return true;
    },
    async releaseLease(name, holder) {
      if (leases.get(name)?.holder === holder) leases.delete(name);
    },
    async check() {},
    async close() {
      listeners.clear();
      events.removeAllListeners();
    },
  };
}
