import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { documentMembers, documents, type Database } from '@codesync/db';
import type { BusEvent, CreateDocumentBody, DocumentDto, Language, PatchDocumentBody, Role } from '@codesync/protocol';
import { canWrite } from '@codesync/protocol';
import { forbidden, notFound } from '../errors.js';

export type DocumentRow = typeof documents.$inferSelect;

export interface DocumentAccess {
  document: DocumentRow;
  role: Role;
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

export interface DocumentService {
  /** Creates the document and its owner membership; `saveContent` runs inside the transaction. */
  create(ownerId: string, body: CreateDocumentBody, saveContent: (id: string) => Promise<number>): Promise<DocumentAccess>;
  listFor(userId: string): Promise<DocumentAccess[]>;
  /** The document and the caller's role; 404 for strangers (existence is not revealed), 403 if `need` is not met. */
  access(documentId: string, userId: string, need: Need): Promise<DocumentAccess>;
  update(documentId: string, patch: PatchDocumentBody): Promise<DocumentRow>;
  touch(documentId: string): Promise<DocumentRow>;
  remove(documentId: string): Promise<void>;
  /** Folds a compactor's snapshot into size/updated time; older or repeated events change nothing. */
  recordSnapshot(event: Extract<BusEvent, { type: 'snapshot-saved' }>): Promise<void>;
}

function allows(role: Role, need: Need): boolean {
  if (need === 'read') return true;
  if (need === 'write') return canWrite(role);
  return role === 'owner';
}

export function createDocumentService(db: Database): DocumentService {
  const one = async (documentId: string) => {
    const [row] = await db.select().from(documents).where(eq(documents.id, documentId));
    if (!row) throw notFound('document_not_found', 'no such document');
    return row;
  };

  return {
    async create(ownerId, body, saveContent) {
      return db.transaction(async (tx) => {
        const id = randomUUID();
        await tx.insert(documents).values({ id, ownerId, title: body.title, language: body.language });
        await tx.insert(documentMembers).values({ documentId: id, userId: ownerId, role: 'owner' });
        const sizeBytes = await saveContent(id);
        const [document] = await tx.update(documents).set({ sizeBytes }).where(eq(documents.id, id)).returning();
        if (!document) throw new Error('created document vanished inside its transaction');
        return { document, role: 'owner' as const };
      });
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
      const [row] = await db
        .select({ document: documents, role: documentMembers.role })
        .from(documentMembers)
        .innerJoin(documents, eq(documents.id, documentMembers.documentId))
        .where(and(eq(documentMembers.documentId, documentId), eq(documentMembers.userId, userId)));
      if (!row) throw notFound('document_not_found', 'no such document');
      if (!allows(row.role, need)) {
        throw forbidden(need === 'owner' ? 'only the owner may do this' : 'viewers cannot change this document');
      }
      return row;
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
      await db.delete(documents).where(eq(documents.id, documentId));
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
