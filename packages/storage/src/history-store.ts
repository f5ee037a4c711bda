import { crc32 } from 'node:zlib';
import { pino, type Logger } from 'pino';
import type { BlobEntry, BlobStore } from './blob-store.js';
import {
  NAME_SUFFIX,
  SNAPSHOT_SUFFIX,
  documentPrefix,
  namedKey,
  snapshotKey,
  versionIdOf,
} from './object-keys.js';
import { isReadableState } from './readable-state.js';
import {
  isVersionId,
  versionTime,
  versionTimeMs,
  type Snapshot,
  type SnapshotStore,
  type SnapshotVersion,
} from './snapshot-store.js';
import { DEFAULT_RETENTION, versionsToThin, type RetentionPolicy } from './thinning.js';
import { createVersionIds } from './version-ids.js';

export interface HistoryOptions {
  retention?: RetentionPolicy | undefined;
  /** Unreadable snapshots and failed thinning are logged here (silent when unset). */
  logger?: Logger | undefined;
  /** Called for each unreadable snapshot a load skips (the sync service counts them in a metric). */
  onUnreadable?: ((documentId: string, versionId: string) => void) | undefined;
  /** The clock of version ids and thinning (tests pass a fixed one). */
  now?: (() => number) | undefined;
}

/** What one listing of a document's objects says about its versions. */
interface HistoryIndex {
  /** Newest first. */
  ids: string[];
  sizes: Map<string, number>;
  named: Set<string>;
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/**
 * The snapshot store, written once over any medium: versions, names, the
 * fallback past an unreadable newest version, and thinning after every save.
 * It is the one component that thins, and it reads the names before it does.
 */
export function createHistoryStore(blobs: BlobStore, options: HistoryOptions = {}): SnapshotStore {
  const retention = options.retention ?? DEFAULT_RETENTION;
  const logger = (options.logger ?? pino({ enabled: false })).child({ component: 'snapshot-store' });
  const now = options.now ?? Date.now;
  const nextId = createVersionIds();

  /** One listing of the document's objects; sizes only when asked (they cost a stat per file on disk). */
  async function index(documentId: string, withSizes = false): Promise<HistoryIndex> {
    const listing = async (prefix: string): Promise<BlobEntry[]> =>
      withSizes ? blobs.list(prefix) : (await blobs.keys(prefix)).map((key) => ({ key, sizeBytes: 0 }));
    const [saved, named] = await Promise.all([listing(snapshotKey(documentId)), listing(namedKey(documentId))]);
    const sizes = new Map<string, number>();
    const names = new Set<string>();
    for (const { key, sizeBytes } of [...saved, ...named]) {
      const id = versionIdOf(key, snapshotKey(documentId), SNAPSHOT_SUFFIX) ?? versionIdOf(key, namedKey(documentId), SNAPSHOT_SUFFIX);
      if (id !== undefined && isVersionId(id)) sizes.set(id, sizeBytes);
      const namedId = versionIdOf(key, namedKey(documentId), NAME_SUFFIX);
      if (namedId !== undefined && isVersionId(namedId)) names.add(namedId);
    }
    return { ids: [...sizes.keys()].sort().reverse(), sizes, named: names };
  }

  async function read(documentId: string, versionId: string): Promise<Uint8Array | null> {
    return (await blobs.get(snapshotKey(documentId, versionId))) ?? (await blobs.get(namedKey(documentId, versionId)));
  }

  async function nameOf(documentId: string, versionId: string): Promise<string | null> {
    const bytes = await blobs.get(namedKey(documentId, versionId, NAME_SUFFIX));
    return bytes ? fromUtf8.decode(bytes) : null;
  }

  const version = (id: string, sizeBytes: number, name: string | null): SnapshotVersion => ({
    id,
    sizeBytes,
    createdAt: versionTime(id),
    name,
  });

  /** Deletes the versions the retention policy lets go; never a named one (only `snapshots/` keys are removed). */
  async function thin(documentId: string, known?: HistoryIndex): Promise<void> {
    const { ids, named } = known ?? (await index(documentId));
    const stamps = ids.map((id) => ({ id, time: versionTimeMs(id), named: named.has(id) }));
    const doomed = versionsToThin(stamps, now(), retention);
    if (doomed.length === 0) return;
    await blobs.remove(doomed.map((id) => snapshotKey(documentId, id)));
    logger.debug({ docId: documentId, thinned: doomed.length, kept: ids.length - doomed.length }, 'history thinned');
  }

  /** A failed thinning must not fail the save before it: the version is stored, and the next save thins again. */
  async function thinAfter(documentId: string, known?: HistoryIndex): Promise<void> {
    try {
      await thin(documentId, known);
    } catch (error) {
      logger.warn({ err: error, docId: documentId }, 'thinning the history failed; the next save retries');
    }
  }

  async function setName(documentId: string, id: string, data: Uint8Array, name: string | null): Promise<void> {
    if (name !== null) {
      // The copy first: from the moment the name exists, the bytes it names are out of thinning's reach.
      await blobs.put(namedKey(documentId, id), data);
      await blobs.put(namedKey(documentId, id, NAME_SUFFIX), utf8.encode(name));
      return;
    }
    // Back into the thinning pool, then thinned at once like any other version of its age.
    if (!(await blobs.get(snapshotKey(documentId, id)))) await blobs.put(snapshotKey(documentId, id), data);
    await blobs.remove([namedKey(documentId, id, NAME_SUFFIX), namedKey(documentId, id)]);
    await thinAfter(documentId);
  }

  return {
    async save(documentId, data) {
      // One listing serves both the id (after the newest, whoever wrote it) and the thinning after the save.
      // When it fails, the id is this process's own and thinning lists again (and logs if that fails too).
      const known = await index(documentId).catch(() => undefined);
      const id = nextId(now(), known?.ids[0]);
      await blobs.put(snapshotKey(documentId, id), data);
      await thinAfter(documentId, known && { ...known, ids: [id, ...known.ids] });
      return version(id, data.byteLength, null);
    },
    async latest(documentId, known): Promise<Snapshot | null> {
      const { ids, named } = await index(documentId);
      for (const id of ids) {
        const data = await read(documentId, id);
        if (!data) continue; // thinned between the listing and the read
        const intact = known !== undefined && id === known.versionId && crc32(data) === known.crc32;
        if (intact || isReadableState(data)) {
          const name = named.has(id) ? await nameOf(documentId, id) : null;
          return { ...version(id, data.byteLength, name), data };
        }
        // Kept, not deleted: an operator can inspect it; loaders fall back to the version before.
        logger.warn({ docId: documentId, versionId: id, sizeBytes: data.byteLength }, 'unreadable snapshot skipped');
        options.onUnreadable?.(documentId, id);
      }
      return null;
    },
    async get(documentId, versionId) {
      return isVersionId(versionId) ? read(documentId, versionId) : null;
    },
    async list(documentId) {
      const { ids, sizes, named } = await index(documentId, true);
      return Promise.all(
        ids.map(async (id) => version(id, sizes.get(id) ?? 0, named.has(id) ? await nameOf(documentId, id) : null)),
      );
    },
    async name(documentId, versionId, name) {
      const data = isVersionId(versionId) ? await read(documentId, versionId) : null;
      if (!data) return null;
      await setName(documentId, versionId, data, name);
      return version(versionId, data.byteLength, name);
    },
    async deleteAll(documentId) {
      await blobs.removeAll(documentPrefix(documentId));
    },
    check: () => blobs.check(),
  };
}
