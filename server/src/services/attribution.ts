import { timeOfClock, type ClientBinding, type ClientBindings, type DocumentBus } from '@codesync/bus';
import { SHARED_TEXT, type AttributionDto } from '@codesync/protocol';
import type { SnapshotStore } from '@codesync/storage';
import { loadDocument } from './document-state.js';
import { writersByLine, type LineWriters } from './line-writers.js';
import type { UserService } from './users.js';

/** Name shown for text written by an account that no longer exists. */
const FORMER_MEMBER = 'Former member';

type Line = AttributionDto['lines'][number];
type Span = Line['spans'][number];

const later = (a: string | null, b: string | null) => (a === null ? b : b === null || a >= b ? a : b);

/** One line's spans (runs of one owner merged) and authors, from its writers and the client ids' bindings. */
function describeLine(writers: LineWriters, bindings: Map<number, ClientBinding>): Omit<Line, 'line' | 'authors'> & { owners: Map<string, string | null> } {
  const ownerOf = (client: number) => bindings.get(client)?.userId ?? null;
  const timeOf = (client: number, clock: number) => {
    const at = timeOfClock(bindings.get(client)?.times ?? [], clock);
    return at === undefined ? null : new Date(at).toISOString();
  };
  const spans: Span[] = [];
  for (const run of writers.runs) {
    const userId = ownerOf(run.client);
    const at = timeOf(run.client, run.lastClock);
    const previous = spans.at(-1);
    if (previous && previous.userId === userId) {
      previous.to = run.to;
      previous.at = later(previous.at, at);
    } else {
      spans.push({ from: run.from, to: run.to, userId, at });
    }
  }
  // Owners in order of first appearance, each with the latest time of their text on the line.
  const owners = new Map<string, string | null>();
  const credit = (userId: string | null, at: string | null) => {
    if (userId !== null) owners.set(userId, later(owners.get(userId) ?? null, at));
  };
  for (const span of spans) credit(span.userId, span.at);
  if (writers.newline) credit(ownerOf(writers.newline.client), timeOf(writers.newline.client, writers.newline.clock));
  return { spans, owners };
}

/** Who wrote each line of the document now, and when: its client ids' owners and time checkpoints (sync/SPEC.md 19). */
export async function attribution(
  deps: { bus: DocumentBus & ClientBindings; store: SnapshotStore; users: Pick<UserService, 'namesOf'> },
  documentId: string,
): Promise<AttributionDto> {
  const [doc, bindings] = await Promise.all([loadDocument(deps.bus, deps.store, documentId), deps.bus.clientBindings(documentId)]);
  try {
    const lines = writersByLine(doc.getText(SHARED_TEXT)).map((writers) => describeLine(writers, bindings));
    const names = await deps.users.namesOf([...new Set([...bindings.values()].map((binding) => binding.userId))]);
    return {
      lines: lines.map(({ spans, owners }, index) => ({
        line: index + 1,
        authors: [...owners].map(([userId, at]) => ({ userId, name: names.get(userId) ?? FORMER_MEMBER, at })),
        spans,
      })),
    };
  } finally {
    doc.destroy();
  }
}
