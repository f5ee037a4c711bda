/**
 * Object keys of a document's history: the single place snapshot paths are built.
 *
 *   documents/<id>/snapshots/<version>.ydoc   every saved version (thinning deletes these)
 *   documents/<id>/named/<version>.ydoc       a named version's own copy, which thinning never touches
 *   documents/<id>/named/<version>.name       its name, UTF-8
 *
 * The named copy makes naming safe against a thinning running at the same
 * moment elsewhere (the API names, the sync service thins): whichever wins,
 * the named version's bytes survive.
 */
export const SNAPSHOT_SUFFIX = '.ydoc';
export const NAME_SUFFIX = '.name';

export function documentPrefix(documentId: string): string {
  return `documents/${encodeURIComponent(documentId)}/`;
}

export function snapshotKey(documentId: string, versionId?: string): string {
  const prefix = `${documentPrefix(documentId)}snapshots/`;
  return versionId === undefined ? prefix : `${prefix}${versionId}${SNAPSHOT_SUFFIX}`;
}

export function namedKey(documentId: string, versionId?: string, suffix = SNAPSHOT_SUFFIX): string {
  const prefix = `${documentPrefix(documentId)}named/`;
  return versionId === undefined ? prefix : `${prefix}${versionId}${suffix}`;
}

/** The version id of a key listed under `prefix` with this suffix, or undefined for any other key. */
export function versionIdOf(key: string, prefix: string, suffix: string): string | undefined {
  if (!key.startsWith(prefix) || !key.endsWith(suffix)) return undefined;
  return key.slice(prefix.length, -suffix.length);
}
