import type { ClientBindings, DocumentBus } from '@codesync/bus';
import { SHARED_TEXT, type AttributionDto } from '@codesync/protocol';
import type { SnapshotStore } from '@codesync/storage';
import * as Y from 'yjs';
import { loadDocument } from './document-state.js';
import type { UserService } from './users.js';

/** Name shown for text written by an account that no longer exists. */
const FORMER_MEMBER = 'Former member';

/**
 * The Yjs client ids whose text is on each line (index 0 = line 1), in order
 * of first appearance. A newline counts for the line it ends only when that
 * line has nothing else (a blank line belongs to whoever made it).
 */
export function clientsByLine(text: Y.Text): number[][] {
  const lines: number[][] = [[]];
  const credit = (client: number) => {
    const line = lines[lines.length - 1]!;
    if (!line.includes(client)) line.push(client);
  };
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
    const parts = item.content.str.split('\n');
    parts.forEach((part, index) => {
      if (index > 0) {
        if (lines[lines.length - 1]!.length === 0) credit(item.id.client);
        lines.push([]);
      }
      if (part.length > 0) credit(item.id.client);
    });
  }
  return lines;
}

/** Who wrote each line of the document now: its client ids' owners (the sync service binds them, sync/SPEC.md 19). */
export async function attribution(
  deps: { bus: DocumentBus & ClientBindings; store: SnapshotStore; users: Pick<UserService, 'namesOf'> },
  documentId: string,
): Promise<AttributionDto> {
  const [doc, bindings] = await Promise.all([loadDocument(deps.bus, deps.store, documentId), deps.bus.clientBindings(documentId)]);
  try {
    const lines = clientsByLine(doc.getText(SHARED_TEXT));
    const owners = new Set([...bindings.values()].map((binding) => binding.userId));
    const names = await deps.users.namesOf([...owners]);
    return {
      lines: lines.map((clients, index) => {
        const userIds = [...new Set(clients.map((client) => bindings.get(client)?.userId).filter((id) => id !== undefined))];
        return { line: index + 1, authors: userIds.map((userId) => ({ userId, name: names.get(userId) ?? FORMER_MEMBER })) };
      }),
    };
  } finally {
    doc.destroy();
  }
}
