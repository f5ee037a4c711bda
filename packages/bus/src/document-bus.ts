import type { BusEvent } from '@codesync/protocol';
import type { DocumentRecords } from './document-records.js';

export type RevocationKind = 'document' | 'session' | 'member';

export interface RevocationQuery {
  sessionId: string;
  documentId: string;
  userId: string;
  issuedAtMs: number;
  /** The project a token's role comes from, if any: project-wide access events refuse it too. */
  projectId?: string | undefined;
}

export type EntryKind = 'update' | 'awareness';

/** One entry of a document's log: a Yjs update, or an awareness update. */
export interface BusEntry {
  /** Log position, `<ms>-<seq>`; ordered within a document. */
  id: string;
  kind: EntryKind;
  /** Who appended it (an instance or process id), so a reader can skip its own. */
  origin: string;
  data: Uint8Array;
}

export type EntriesListener = (documentId: string, entries: BusEntry[]) => void;

/**
 * Told that entries after a subscriber's position were trimmed from the log
 * before it read them (it stalled past the trim lag): what they held is in the
 * newest snapshot, which the subscriber must reload. Reading goes on from the
 * trim point.
 */
export type TrimmedListener = (documentId: string) => void;

export interface Subscription {
  unsubscribe(): void;
}

/** A durable, ordered update log per document. */
export interface UpdateLog {
  /** Appends a document update; resolves with its id once it is durable in the log. */
  appendUpdate(documentId: string, update: Uint8Array, origin: string): Promise<string>;
  /** The document's update entries after `afterId` (exclusive; '0' for all). */
  readUpdates(documentId: string, afterId?: string): Promise<BusEntry[]>;
  /** Number of update entries in the log. */
  updateCount(documentId: string): Promise<number>;
  /** Removes update entries up to and including `uptoId`. */
  trimUpdates(documentId: string, uptoId: string): Promise<void>;
  /** Ids of documents whose log holds entries (for sweeping logs no room is compacting). */
  documentsWithUpdates(): Promise<string[]>;
  /** Removes the document's log and awareness channel. */
  deleteDocument(documentId: string): Promise<void>;
  /**
   * Delivers, in order, every update entry after `afterId` and every awareness
   * entry from now on, from all origins (the listener filters its own). With
   * `afterId` '0' every entry the log holds is delivered; from any other id,
   * entries trimmed before they were delivered are reported to `onTrimmed`.
   */
  subscribe(documentId: string, afterId: string, listener: EntriesListener, onTrimmed?: TrimmedListener): Subscription;
}

/** An ephemeral awareness channel per document (delivered through `UpdateLog.subscribe`). */
export interface AwarenessChannel {
  /** Publishes an awareness update to every instance holding the document. */
  publishAwareness(documentId: string, update: Uint8Array, origin: string): Promise<void>;
}

/** Control events to every process. */
export interface EventChannel {
  /**
   * Publishes an event to every process. Access events (session revoked,
   * member removed or role changed, document deleted) also leave a marker so
   * that a token issued before the event is refused on its next connect,
   * even by a process that was not running when the event went out.
   */
  publishEvent(event: BusEvent): Promise<void>;
  onEvent(listener: (event: BusEvent) => void): Subscription;
}

/** The markers access events leave. */
export interface RevocationMarkers {
  /**
   * Which access event, if any, came after this token was issued: its
   * document deleted, its session revoked, or its membership changed.
   */
  revokedBy(token: RevocationQuery): Promise<RevocationKind | null>;
  /**
   * When each of these markers was left (ms), for those that exist: one read per
   * marker, so many tokens sharing markers are re-checked at the cost of their
   * distinct markers (and each read touches one key, as a Redis Cluster needs).
   */
  markerTimes(markers: string[]): Promise<Map<string, number>>;
}

/** Named, expiring locks (one compactor per document). */
export interface Leases {
  /** Takes `name` for `ttlMs` unless another holder has it; true if taken. */
  acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean>;
  releaseLease(name: string, holder: string): Promise<void>;
}

/**
 * The cross-instance bus: the five concerns above, and the document's
 * records (client bindings, set-aside items), over one connection.
 * Implemented on Redis streams (distributed) and in process (embedded).
 * A part that needs only one concern takes only its interface.
 */
export interface DocumentBus extends UpdateLog, AwarenessChannel, EventChannel, RevocationMarkers, Leases, DocumentRecords {
  /** Throws if the bus's backing service is unreachable. */
  check(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Compares two log ids `<ms>-<seq>` numerically (sign only). Called for every
 * entry read, so it allocates nothing on the common path: times are written
 * without leading zeros, so a longer one is later, and equal lengths compare
 * digit by digit.
 */
export function compareEntryIds(a: string, b: string): number {
  const ad = a.indexOf('-');
  const bd = b.indexOf('-');
  const am = ad < 0 ? a.length : ad;
  const bm = bd < 0 ? b.length : bd;
  if (am !== bm) return am - bm;
  for (let i = 0; i < am; i++) {
    const difference = a.charCodeAt(i) - b.charCodeAt(i);
    if (difference !== 0) return difference;
  }
  return (ad < 0 ? 0 : Number(a.slice(ad + 1))) - (bd < 0 ? 0 : Number(b.slice(bd + 1)));
}

/** The smallest id greater than `id` (for exclusive ranges and trims). */
export function nextEntryId(id: string): string {
  const [ms = 0, seq = 0] = id.split('-').map(Number);
  return `${ms}-${seq + 1}`;
}

/** How long an access marker is kept: longer than any token it could refuse lives. */
export const REVOCATION_TTL_MS = 2 * 60 * 60 * 1000;

/** The marker names an access event leaves (keyed by what a token carries), or none. */
export function revocationMarkers(event: BusEvent): string[] {
  switch (event.type) {
    case 'session-revoked':
      return [`session:${event.sessionId}`];
    case 'member-removed':
    case 'member-role-changed':
      return [`member:${event.documentId}:${event.userId}`];
    case 'document-deleted':
      return [`document:${event.documentId}`];
    case 'project-member-removed':
    case 'project-member-role-changed':
      return [`project-member:${event.projectId}:${event.userId}`];
    case 'project-deleted':
      return [`project:${event.projectId}`];
    default:
      return [];
  }
}

/** Markers that would refuse this token, most decisive first. */
export function markersOf(query: RevocationQuery): [RevocationKind, string][] {
  const markers: [RevocationKind, string][] = [
    ['document', `document:${query.documentId}`],
    ['session', `session:${query.sessionId}`],
    ['member', `member:${query.documentId}:${query.userId}`],
  ];
  if (query.projectId === undefined) return markers;
  // Keyed by project, so one event refuses the tokens of every file of the project.
  return [
    ['document', `project:${query.projectId}`],
    ...markers,
    ['member', `project-member:${query.projectId}:${query.userId}`],
  ];
}

/** Which access event, if any, came after this token was issued, from marker times read with `markerTimes`. */
export function revocationFrom(query: RevocationQuery, times: ReadonlyMap<string, number>): RevocationKind | null {
  const found = markersOf(query).find(([, marker]) => {
    const at = times.get(marker);
    return at !== undefined && revokedAfter(query.issuedAtMs, at);
  });
  return found?.[0] ?? null;
}

/**
 * JWT issue times have one-second resolution: a token from the same second
 * as the event counts as issued before it (refusing a fresh token once is
 * better than accepting a revoked one).
 */
export function revokedAfter(issuedAtMs: number, revokedAtMs: number): boolean {
  return revokedAtMs >= issuedAtMs;
}
