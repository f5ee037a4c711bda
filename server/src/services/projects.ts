import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { documents, projectMembers, projects, type Database } from '@codesync/db';
import type { BusEvent, ProjectDto, Role } from '@codesync/protocol';
import { notFound } from '../errors.js';
import type { Outbox } from '../outbox/outbox.js';
import { allows, isUuid, refusal, type Need } from './documents.js';

export type ProjectRow = typeof projects.$inferSelect;

export interface ProjectAccess {
  project: ProjectRow;
  role: Role;
}

export function toProjectDto({ project, role }: ProjectAccess): ProjectDto {
  return {
    id: project.id,
    name: project.name,
    ownerId: project.ownerId,
    role,
    treeVersion: project.treeVersion,
    createdAt: project.createdAt.toISOString(),
    updatedAt: project.updatedAt.toISOString(),
  };
}

export interface ProjectService {
  create(ownerId: string, name: string): Promise<ProjectAccess>;
  listFor(userId: string): Promise<ProjectAccess[]>;
  /** The project and the caller's role; 404 for non-members (existence is not revealed), 403 if `need` is not met. */
  access(projectId: string, userId: string, need: Need): Promise<ProjectAccess>;
  rename(projectId: string, name: string): Promise<ProjectRow>;
  /** Deletes the project with every file and announces it; returns the files' document ids (storage is the caller's). */
  remove(projectId: string): Promise<string[]>;
}

export function createProjectService(db: Database, outbox: Outbox): ProjectService {
  return {
    async create(ownerId, name) {
      return db.transaction(async (tx) => {
        const id = randomUUID();
        const [project] = await tx.insert(projects).values({ id, ownerId, name }).returning();
        await tx.insert(projectMembers).values({ projectId: id, userId: ownerId, role: 'owner' });
        if (!project) throw new Error('created project vanished inside its transaction');
        return { project, role: 'owner' as const };
      });
    },

    async listFor(userId) {
      return db
        .select({ project: projects, role: projectMembers.role })
        .from(projectMembers)
        .innerJoin(projects, eq(projects.id, projectMembers.projectId))
        .where(eq(projectMembers.userId, userId))
        .orderBy(desc(projects.updatedAt), desc(projects.id));
    },

    async access(projectId, userId, need) {
      if (!isUuid(projectId)) throw notFound('project_not_found', 'no such project');
      const [row] = await db
        .select({ project: projects, role: projectMembers.role })
        .from(projectMembers)
        .innerJoin(projects, eq(projects.id, projectMembers.projectId))
        .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
      if (!row) throw notFound('project_not_found', 'no such project');
      if (!allows(row.role, need)) throw refusal(need, 'project');
      return row;
    },

    async rename(projectId, name) {
      const [row] = await db
        .update(projects)
        .set({ name, updatedAt: sql`now()` })
        .where(eq(projects.id, projectId))
        .returning();
      if (!row) throw notFound('project_not_found', 'no such project');
      return row;
    },

    async remove(projectId) {
      const documentIds = await db.transaction(async (tx) => {
        const files = await tx.select({ id: documents.id }).from(documents).where(eq(documents.projectId, projectId));
        // Documents, entries and memberships go with the project (foreign keys).
        await tx.delete(projects).where(eq(projects.id, projectId));
        const events: BusEvent[] = [
          { type: 'project-deleted', projectId },
          ...files.map((f): BusEvent => ({ type: 'document-deleted', documentId: f.id })),
        ];
        await outbox.add(tx, events);
        return files.map((f) => f.id);
      });
      await outbox.flush();
      return documentIds;
    },
  };
}
