import type { DocumentBus } from '@codesync/bus';
import { languageOfPath, type ProjectEntryDto } from '@codesync/protocol';
import type { SnapshotStore } from '@codesync/storage';
import { readZip, ZipReadError, type ZipReadLimits } from '../archive/read-zip.js';
import { ApiError, badRequest, conflict } from '../errors.js';
import { requireValidPath } from '../project-path.js';
import { replaceText } from './document-state.js';
import type { NewEntry, ProjectFileService, SaveContent } from './project-files.js';

export interface ImportResult {
  entries: ProjectEntryDto[];
  /** Files left out because they are not UTF-8 text (images, binaries). */
  skipped: { path: string; reason: 'binary' }[];
}

export interface ImportDeps {
  files: ProjectFileService;
  bus: DocumentBus;
  store: SnapshotStore;
  save: SaveContent;
  /** Origin tag of the edits this API instance appends. */
  origin: string;
  limits: ZipReadLimits;
}

interface ArchiveFile {
  path: string;
  kind: 'file' | 'folder';
  text: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeText(data: Uint8Array): string | null {
  if (data.includes(0)) return null;
  try {
    return utf8.decode(data);
  } catch {
    return null; // not UTF-8: a binary file, reported as skipped
  }
}

/** Expands and judges the whole archive before anything is stored: a bad archive changes nothing. */
function readArchive(zip: Uint8Array, limits: ZipReadLimits): { items: ArchiveFile[]; skipped: ImportResult['skipped'] } {
  let raw;
  try {
    raw = readZip(zip, limits);
  } catch (error) {
    if (!(error instanceof ZipReadError)) throw error;
    if (error.reason === 'too_large') throw new ApiError(413, 'archive_too_large', error.message);
    throw badRequest('invalid_archive', error.message);
  }
  const seen = new Set<string>();
  const items: ArchiveFile[] = [];
  const skipped: ImportResult['skipped'] = [];
  for (const item of raw) {
    const path = requireValidPath(item.name, `archive entry "${item.name.slice(0, 200)}"`);
    if (seen.has(path)) throw badRequest('duplicate_path', `the archive holds "${path}" twice`);
    seen.add(path);
    if (item.kind === 'folder') {
      items.push({ path, kind: 'folder', text: '' });
      continue;
    }
    const text = decodeText(item.data);
    if (text === null) skipped.push({ path, reason: 'binary' });
    else items.push({ path, kind: 'file', text });
  }
  return { items, skipped };
}

/**
 * Imports a zip into a project: new paths become files and folders in one
 * transaction; a path that already holds a file gets the archive's text as
 * an ordinary edit (live editors receive it like typing).
 */
export async function importArchive(projectId: string, zip: Uint8Array, deps: ImportDeps): Promise<ImportResult> {
  const { items, skipped } = readArchive(zip, deps.limits);
  const current = new Map((await deps.files.list(projectId)).entries.map((e) => [e.path, e]));
  const fresh: NewEntry[] = [];
  const edits: { entry: ProjectEntryDto; text: string }[] = [];
  for (const item of items) {
    const existing = current.get(item.path);
    if (existing && existing.kind !== item.kind) {
      throw conflict('kind_mismatch', `"${item.path}" is a ${existing.kind} in the project and a ${item.kind} in the archive`);
    }
    if (existing?.kind === 'file') edits.push({ entry: existing, text: item.text });
    else if (!existing) fresh.push({ path: item.path, kind: item.kind, language: languageOfPath(item.path), content: item.text });
  }
  const created = fresh.length > 0 ? await deps.files.add(projectId, fresh, deps.save) : [];
  for (const edit of edits) {
    if (edit.entry.documentId) await replaceText(deps.bus, deps.store, edit.entry.documentId, edit.text, deps.origin);
  }
  return { entries: [...created, ...edits.map((e) => e.entry)], skipped };
}
