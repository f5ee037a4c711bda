import { eq, sql } from 'drizzle-orm';
import { projects, type Database } from '@codesync/db';
import type { BusEvent } from '@codesync/protocol';

/** A transaction (drizzle hands the same query API to transactions as to the database). */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/**
 * Increments the project's tree version inside the caller's transaction and
 * returns the event announcing it (for the same transaction's outbox), so a
 * committed tree change always carries a version no other change has.
 */
export async function bumpTree(tx: Tx | Database, projectId: string): Promise<BusEvent> {
  const [row] = await tx
    .update(projects)
    .set({ treeVersion: sql`${projects.treeVersion} + 1`, updatedAt: sql`now()` })
    .where(eq(projects.id, projectId))
    .returning({ treeVersion: projects.treeVersion });
  return { type: 'project-tree-changed', projectId, treeVersion: row?.treeVersion ?? 0 };
}

/** Takes the project's row lock: tree changes of one project run one at a time (paths, limits, versions). */
export async function lockProject(tx: Tx, projectId: string): Promise<void> {
  await tx.select({ id: projects.id }).from(projects).where(eq(projects.id, projectId)).for('update');
}
