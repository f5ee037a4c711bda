/**
 * Every Redis key and channel name, built here and nowhere else. Keys of one
 * document share a hash tag `{documentId}` so they live in one Redis Cluster slot.
 */
export interface RedisKeys {
  updates(documentId: string): string;
  /** SCAN pattern matching every document's updates key. */
  updatesPattern(): string;
  /** The document id of an updates key, or undefined for another key. */
  documentOfUpdates(key: string): string | undefined;
  awareness(documentId: string): string;
  /** Hash of the document's Yjs client ids and their owners (document-records.ts). */
  clients(documentId: string): string;
  /** Hash of log entries and snapshots set aside because they would not load. */
  setAside(documentId: string): string;
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
    updates: (documentId) => `${doc(documentId)}:updates`,
    updatesPattern: () => `${prefix}doc:{*}:updates`,
    documentOfUpdates(key) {
      const head = `${prefix}doc:{`;
      const tail = '}:updates';
      if (!key.startsWith(head) || !key.endsWith(tail)) return undefined;
      return key.slice(head.length, -tail.length);
    },
    awareness: (documentId) => `${doc(documentId)}:awareness`,
    clients: (documentId) => `${doc(documentId)}:clients`,
    setAside: (documentId) => `${doc(documentId)}:set-aside`,
    lease: (name) => `${prefix}lease:${name}`,
    revocation: (marker) => `${prefix}revoked:${marker}`,
    events: () => `${prefix}events`,
    session: (sessionId) => `${prefix}session:${sessionId}`,
    userSessions: (userId) => `${prefix}user-sessions:${userId}`,
    rateLimit: (bucket, subject) => `${prefix}rate:${bucket}:${subject}`,
  };
}
