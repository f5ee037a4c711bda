import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { documentMembers, documents, projectMembers, type Database } from '@codesync/db';
import type { BusEvent, CreateDocumentBody, DocumentDto, Language, PatchDocumentBody, Role } from '@codesync/protocol';
import { canWrite, higherRole } from '@codesync/protocol';
import { forbidden, notFound } from '../errors.js';
import type { Outbox } from '../outbox/outbox.js';
import { bumpTree } from './project-tree.js';

export type DocumentRow = typeof documents.$inferSelect;

export interface DocumentAccess {
  document: DocumentRow;
  role: Role;
  /** The role comes from a project membership (a project-wide access change revokes it). */
  viaProject?: boolean;
}

/** What a route needs the caller to be allowed: read, write content/metadata, or manage (owner). */
export type Need = 'read' | 'write' | 'owner';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

export function toDocumentDto({ document, role }: DocumentAccess): DocumentDto {
  return {
    id: document.id,
    title: document.title,
    language: document.language as Language,
    ownerId: document.ownerId,
    role,
    sizeBytes: document.sizeBytes,
    createdAt: document.createdAt.toISOString(),
    updatedAt: document.updatedAt.toISOString(),
  };
}

/** A new document's first snapshot: saved before its rows exist, discarded if they never do. */
export interface InitialContent {
  /** Returns the stored size in bytes. */
  save(documentId: string): Promise<number>;
  discard(documentId: string): Promise<void>;
}

export interface DocumentService {
  /**
   * Creates the document and its owner membership. Its content is stored first, outside
   * any transaction (a slow store never holds a database connection), and discarded if
   * the rows cannot be written.
   */
  create(ownerId: string, body: CreateDocumentBody, content: InitialContent): Promise<DocumentAccess>;
  listFor(userId: string): Promise<DocumentAccess[]>;
  /** The document and the caller's role; 404 for strangers (existence is not revealed), 403 if `need` is not met. */
  access(documentId: string, userId: string, need: Need): Promise<DocumentAccess>;
  update(documentId: string, patch: PatchDocumentBody): Promise<DocumentRow>;
  touch(documentId: string): Promise<DocumentRow>;
  /** Deletes the document (a project file leaves its tree) and announces it; storage is the caller's. */
  remove(documentId: string): Promise<void>;
  /** How many documents (standalone and project files) the user owns. */
  countOwnedBy(userId: string): Promise<number>;
  /** Folds a compactor's snapshot into size/updated time; older or repeated events change nothing. */
  recordSnapshot(event: Extract<BusEvent, { type: 'snapshot-saved' }>): Promise<void>;
}

export function allows(role: Role, need: Need): boolean {
  if (need === 'read') return true;
  if (need === 'write') return canWrite(role);
  return role === 'owner';
}

export function refusal(need: Need, what: string) {
  return forbidden(need === 'owner' ? 'only the owner may do this' : `viewers cannot change this ${what}`);
}

export function createDocumentService(db: Database, outbox: Outbox): DocumentService {
  const one = async (documentId: string) => {
    const [row] = await db.select().from(documents).where(eq(documents.id, documentId));
    if (!row) throw notFound('document_not_found', 'no such document');
    return row;
  };

  return {
    async create(ownerId, body, content) {
      const id = randomUUID();
      const sizeBytes = await content.save(id);
      try {
        return await db.transaction(async (tx) => {
          const [document] = await tx.insert(documents).values({ id, ownerId, title: body.title, language: body.language, sizeBytes }).returning();
          await tx.insert(documentMembers).values({ documentId: id, userId: ownerId, role: 'owner' });
          if (!document) throw new Error('created document vanished inside its transaction');
          return { document, role: 'owner' as const };
        });
      } catch (error) {
        await content.discard(id);
        throw error;
      }
    },

    async listFor(userId) {
      const rows = await db
        .select({ document: documents, role: documentMembers.role })
        .from(documentMembers)
        .innerJoin(documents, eq(documents.id, documentMembers.documentId))
        .where(eq(documentMembers.userId, userId))
        .orderBy(desc(documents.updatedAt), desc(documents.id));
      return rows;
    },

    async access(documentId, userId, need) {
      if (!isUuid(documentId)) throw notFound('document_not_found', 'no such document');
      // A project file's role is the higher of the project role and any role held on the document.
      const [row] = await db
        .select({ document: documents, documentRole: documentMembers.role, projectRole: projectMembers.role })
        .from(documents)
        .leftJoin(documentMembers, and(eq(documentMembers.documentId, documents.id), eq(documentMembers.userId, userId)))
        .leftJoin(projectMembers, and(eq(projectMembers.projectId, documents.projectId), eq(projectMembers.userId, userId)))
        .where(eq(documents.id, documentId));
      const role = higherRole(row?.documentRole, row?.projectRole);
      if (!row || !role) throw notFound('document_not_found', 'no such document');
      if (!allows(role, need)) throw refusal(need, 'document');
      return { document: row.document, role, viaProject: row.projectRole === role };
    },

    async update(documentId, patch) {
      const [row] = await db
        .update(documents)
        .set({ ...patch, updatedAt: sql`now()` })
        .where(eq(documents.id, documentId))
        .returning();
      return row ?? one(documentId);
    },

    async touch(documentId) {
      const [row] = await db.update(documents).set({ updatedAt: sql`now()` }).where(eq(documents.id, documentId)).returning();
      return row ?? one(documentId);
    },

    async remove(documentId) {
      await db.transaction(async (tx) => {
        const [gone] = await tx.delete(documents).where(eq(documents.id, documentId)).returning({ projectId: documents.projectId });
        const events: BusEvent[] = [{ type: 'document-deleted', documentId }];
        // A project file's entry goes with it (foreign key): the tree changed.
        if (gone?.projectId) events.push(await bumpTree(tx, gone.projectId));
        await outbox.add(tx, events);
      });
      await outbox.flush();
    },

    async countOwnedBy(userId) {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(documents).where(eq(documents.ownerId, userId));
      return row?.n ?? 0;
    },

    async recordSnapshot(event) {
      if (!isUuid(event.documentId)) return;
      const savedAt = new Date(event.savedAt);
      if (Number.isNaN(savedAt.getTime())) return;
      await db
        .update(documents)
        .set({
          sizeBytes: event.sizeBytes,
          contentSavedAt: savedAt,
          updatedAt: sql`greatest(${documents.updatedAt}, ${savedAt.toISOString()}::timestamptz)`,
        })
        .where(
          and(
            eq(documents.id, event.documentId),
            or(isNull(documents.contentSavedAt), lt(documents.contentSavedAt, savedAt)),
          ),
        );
    },
  };
}
