import { randomUUID } from 'node:crypto';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { documents, projectEntries, projects, type Database } from '@codesync/db';
import {
  isWithin,
  parentFolders,
  type BusEvent,
  type EntryKind,
  type Language,
  type ProjectEntryDto,
  type ProjectFilesDto,
} from '@codesync/protocol';
import { ApiError, badRequest, conflict, notFound } from '../errors.js';
import type { Outbox } from '../outbox/outbox.js';
import { bumpTree, lockProject, type Tx } from './project-tree.js';

export interface ProjectLimits {
  /** Files (not folders) in one project. */
  maxFiles: number;
  /** Sum of the files' sizes in one project, in bytes. */
  maxBytes: number;
  /** Documents one user owns, standalone and project files together. */
  maxDocumentsPerUser: number;
}

export interface NewEntry {
  path: string;
  kind: EntryKind;
  language: Language;
  /** Initial text of a file (saved as its first snapshot). */
  content?: string;
}

/**
 * New files' initial texts: saved before the transaction (a slow store never holds a
 * database connection or the project's lock), discarded if the transaction fails.
 */
export interface SaveContent {
  /** Returns the stored size in bytes. */
  save(documentId: string, content: string): Promise<number>;
  discard(documentId: string): Promise<void>;
}

export interface ProjectFileService {
  list(projectId: string): Promise<ProjectFilesDto>;
  /** Adds entries (and any missing parent folders) in one transaction: all or nothing. */
  add(projectId: string, items: NewEntry[], save: SaveContent): Promise<ProjectEntryDto[]>;
  /** Renames or moves a file, or a folder with everything under it; documents keep their ids. */
  move(projectId: string, from: string, to: string): Promise<ProjectEntryDto[]>;
  /** Deletes a file, or a folder with everything under it; returns the deleted documents' ids. */
  remove(projectId: string, path: string): Promise<string[]>;
}

const tooLarge = (message: string) => new ApiError(413, 'project_limit', message);

function toEntryDto(row: {
  path: string;
  kind: EntryKind;
  documentId: string | null;
  language: string | null;
  sizeBytes: number | null;
  updatedAt: Date | null;
}): ProjectEntryDto {
  if (row.kind === 'folder' || row.documentId === null) return { path: row.path, kind: 'folder' };
  return {
    path: row.path,
    kind: 'file',
    documentId: row.documentId,
    language: (row.language ?? 'plaintext') as Language,
    sizeBytes: row.sizeBytes ?? 0,
    ...(row.updatedAt ? { updatedAt: row.updatedAt.toISOString() } : {}),
  };
}

const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** The project's tree: entries with unique paths, files backed by documents, every change versioned and announced. */
export function createProjectFileService(db: Database, outbox: Outbox, limits: ProjectLimits): ProjectFileService {
  const entryColumns = {
    path: projectEntries.path,
    kind: projectEntries.kind,
    documentId: projectEntries.documentId,
    language: documents.language,
    sizeBytes: documents.sizeBytes,
    updatedAt: documents.updatedAt,
  };

  async function entriesWithin(tx: Tx, projectId: string, path: string) {
    return tx
      .select(entryColumns)
      .from(projectEntries)
      .leftJoin(documents, eq(documents.id, projectEntries.documentId))
      .where(
        and(
          eq(projectEntries.projectId, projectId),
          or(eq(projectEntries.path, path), sql`starts_with(${projectEntries.path}, ${`${path}/`})`),
        ),
      );
  }

  async function checkLimits(tx: Tx, projectId: string, ownerId: string, files: NewEntry[]): Promise<void> {
    if (files.length === 0) return;
    const [usage] = await tx
      .select({ files: sql<number>`count(*)::int`, bytes: sql<number>`coalesce(sum(${documents.sizeBytes}), 0)::bigint` })
      .from(documents)
      .where(eq(documents.projectId, projectId));
    const [owned] = await tx.select({ n: sql<number>`count(*)::int` }).from(documents).where(eq(documents.ownerId, ownerId));
    const addedBytes = files.reduce((sum, f) => sum + Buffer.byteLength(f.content ?? ''), 0);
    if ((usage?.files ?? 0) + files.length > limits.maxFiles) {
      throw tooLarge(`a project holds at most ${limits.maxFiles} files`);
    }
    if (Number(usage?.bytes ?? 0) + addedBytes > limits.maxBytes) {
      throw tooLarge(`a project's files hold at most ${limits.maxBytes} bytes`);
    }
    if ((owned?.n ?? 0) + files.length > limits.maxDocumentsPerUser) {
      throw tooLarge(`the project's owner may own at most ${limits.maxDocumentsPerUser} documents`);
    }
  }

  /** Refuses paths that exist or lie under a file; returns the parent folders still to create. */
  async function planPaths(tx: Tx, projectId: string, items: { path: string; kind: EntryKind }[]): Promise<string[]> {
    const paths = items.map((i) => i.path);
    const parents = [...new Set(paths.flatMap(parentFolders))];
    const wanted = [...new Set([...paths, ...parents])];
    const existing = await tx
      .select({ path: projectEntries.path, kind: projectEntries.kind })
      .from(projectEntries)
      .where(and(eq(projectEntries.projectId, projectId), inArray(projectEntries.path, wanted)));
    const kinds = new Map(existing.map((e) => [e.path, e.kind]));
    const taken = paths.find((p) => kinds.has(p));
    if (taken !== undefined) throw conflict('path_exists', `"${taken}" already exists`);
    const fileParent = parents.find((p) => kinds.get(p) === 'file');
    if (fileParent !== undefined) throw conflict('parent_is_file', `"${fileParent}" is a file, not a folder`);
    const clash = items.find((i) => i.kind === 'file' && parents.includes(i.path));
    if (clash !== undefined) throw conflict('parent_is_file', `"${clash.path}" is both a file and a folder`);
    return parents.filter((p) => !kinds.has(p) && !paths.includes(p));
  }

  return {
    async list(projectId) {
      // The version first: entries read after it are at least as new, so a client never misses a change.
      const [project] = await db.select({ treeVersion: projects.treeVersion }).from(projects).where(eq(projects.id, projectId));
      if (!project) throw notFound('project_not_found', 'no such project');
      const rows = await db
        .select(entryColumns)
        .from(projectEntries)
        .leftJoin(documents, eq(documents.id, projectEntries.documentId))
        .where(eq(projectEntries.projectId, projectId));
      return { treeVersion: project.treeVersion, entries: rows.map(toEntryDto).sort(byPath) };
    },

    async add(projectId, items, contents) {
      const saved = new Map<NewEntry, { id: string; sizeBytes: number }>();
      for (const file of items) {
        if (file.kind !== 'file') continue;
        const id = randomUUID();
        saved.set(file, { id, sizeBytes: file.content ? await contents.save(id, file.content) : 0 });
      }
      const created = await db.transaction(async (tx) => {
        await lockProject(tx, projectId);
        const [project] = await tx.select({ ownerId: projects.ownerId }).from(projects).where(eq(projects.id, projectId));
        if (!project) throw notFound('project_not_found', 'no such project');
        const newFolders = await planPaths(tx, projectId, items);
        const files = items.filter((i) => i.kind === 'file');
        await checkLimits(tx, projectId, project.ownerId, files);
        const folders = [...newFolders, ...items.filter((i) => i.kind === 'folder').map((i) => i.path)];
        if (folders.length > 0) {
          await tx.insert(projectEntries).values(folders.map((path) => ({ projectId, path, kind: 'folder' as const })));
        }
        const entries: ProjectEntryDto[] = folders.map((path) => ({ path, kind: 'folder' }));
        for (const file of files) {
          const { id, sizeBytes } = saved.get(file)!;
          await tx.insert(documents).values({
            id, ownerId: project.ownerId, projectId, title: baseName(file.path), language: file.language, sizeBytes,
          });
          await tx.insert(projectEntries).values({ projectId, path: file.path, kind: 'file', documentId: id });
          entries.push({ path: file.path, kind: 'file', documentId: id, language: file.language, sizeBytes, updatedAt: new Date().toISOString() });
        }
        await outbox.add(tx, [await bumpTree(tx, projectId)]);
        return entries.sort(byPath);
      }).catch(async (error: unknown) => {
        for (const { id } of saved.values()) await contents.discard(id);
        throw error;
      });
      await outbox.flush();
      return created;
    },

    async move(projectId, from, to) {
      if (from === to) throw badRequest('same_path', 'the entry is already at that path');
      if (isWithin(to, from)) throw badRequest('move_into_itself', 'a folder cannot move into itself');
      const moved = await db.transaction(async (tx) => {
        await lockProject(tx, projectId);
        const source = await entriesWithin(tx, projectId, from);
        if (!source.some((e) => e.path === from)) throw notFound('entry_not_found', `no entry at "${from}"`);
        const newFolders = await planPaths(tx, projectId, [{ path: to, kind: 'folder' }]);
        if (newFolders.length > 0) {
          await tx.insert(projectEntries).values(newFolders.map((path) => ({ projectId, path, kind: 'folder' as const })));
        }
        // One statement moves the entry and everything under it; `to` and all below it are free (checked above).
        await tx
          .update(projectEntries)
          .set({ path: sql`${to} || substr(${projectEntries.path}, ${from.length + 1})` })
          .where(
            and(
              eq(projectEntries.projectId, projectId),
              or(eq(projectEntries.path, from), sql`starts_with(${projectEntries.path}, ${`${from}/`})`),
            ),
          );
        const self = source.find((e) => e.path === from);
        if (self?.documentId) await tx.update(documents).set({ title: baseName(to) }).where(eq(documents.id, self.documentId));
        await outbox.add(tx, [await bumpTree(tx, projectId)]);
        return source.map((e) => toEntryDto({ ...e, path: to + e.path.slice(from.length) })).sort(byPath);
      });
      await outbox.flush();
      return moved;
    },

    async remove(projectId, path) {
      const removed = await db.transaction(async (tx) => {
        await lockProject(tx, projectId);
        const doomed = await entriesWithin(tx, projectId, path);
        if (!doomed.some((e) => e.path === path)) throw notFound('entry_not_found', `no entry at "${path}"`);
        const documentIds = doomed.flatMap((e) => (e.documentId ? [e.documentId] : []));
        // Files' entries go with their documents (foreign key); folders by path.
        if (documentIds.length > 0) await tx.delete(documents).where(inArray(documents.id, documentIds));
        await tx.delete(projectEntries).where(and(eq(projectEntries.projectId, projectId), inArray(projectEntries.path, doomed.map((e) => e.path))));
        const events: BusEvent[] = documentIds.map((documentId) => ({ type: 'document-deleted', documentId }));
        await outbox.add(tx, [...events, await bumpTree(tx, projectId)]);
        return documentIds;
      });
      await outbox.flush();
      return removed;
    },
  };
}
