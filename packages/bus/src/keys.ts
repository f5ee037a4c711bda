/**
 * Every Redis key and channel name, built here and nowhere else. All of one
 * document's keys and its channel come from `doc(documentId)`, which wraps the
 * id in a hash tag `{documentId}`: on a Redis Cluster they share one slot, so
 * a script or transaction over them never spans slots (CROSSSLOT).
 */
export interface RedisKeys {
  /** The per-document layout: the hash-tagged stem every key of the document starts with. */
  doc(documentId: string): string;
  updates(documentId: string): string;
  /** The id of the last update entry trimmed from the document's log (for readers to detect a gap). */
  trimmed(documentId: string): string;
  /** The document's sharded pub/sub channel: every append and awareness update rings it. */
  bell(documentId: string): string;
  /** SCAN pattern matching every document's updates key. */
  updatesPattern(): string;
  /** The document id of an updates key, or undefined for another key. */
  documentOfUpdates(key: string): string | undefined;
  /** Hash of the document's Yjs client ids and their owners (document-records.ts). */
  clients(documentId: string): string;
  /** Hash of the document's Yjs client ids and when their content arrived (client-times.ts); apart from `clients`, which older readers parse. */
  clientTimes(documentId: string): string;
  /** Hash of log entries and snapshots set aside because they would not load. */
  setAside(documentId: string): string;
  /** `<versionId> <entryId> <crc32>`: the newest saved version, the last log entry it holds, its bytes' checksum (document-records.ts). */
  saved(documentId: string): string;
  lease(name: string): string;
  revocation(marker: string): string;
  events(): string;
  session(sessionId: string): string;
  userSessions(userId: string): string;
  rateLimit(bucket: string, subject: string): string;
}

export function createRedisKeys(prefix: string): RedisKeys {
  const doc = (documentId: string) => `${prefix}doc:{${documentId}}`;
  return {
    doc,
    updates: (documentId) => `${doc(documentId)}:updates`,
    trimmed: (documentId) => `${doc(documentId)}:trimmed`,
    bell: (documentId) => `${doc(documentId)}:bell`,
    updatesPattern: () => `${prefix}doc:{*}:updates`,
    documentOfUpdates(key) {
      const head = `${prefix}doc:{`;
      const tail = '}:updates';
      if (!key.startsWith(head) || !key.endsWith(tail)) return undefined;
      return key.slice(head.length, -tail.length);
    },
    clients: (documentId) => `${doc(documentId)}:clients`,
    clientTimes: (documentId) => `${doc(documentId)}:client-times`,
    setAside: (documentId) => `${doc(documentId)}:set-aside`,
    saved: (documentId) => `${doc(documentId)}:saved`,
    lease: (name) => `${prefix}lease:${name}`,
    revocation: (marker) => `${prefix}revoked:${marker}`,
    events: () => `${prefix}events`,
    session: (sessionId) => `${prefix}session:${sessionId}`,
    userSessions: (userId) => `${prefix}user-sessions:${userId}`,
    rateLimit: (bucket, subject) => `${prefix}rate:${bucket}:${subject}`,
  };
}
