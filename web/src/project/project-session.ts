import { TREE_NOTICE_MESSAGE, type ProjectPresence, type SyncTokenDto } from '@codesync/protocol';
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createBackoff } from '../editor/backoff';
import { socketUrlForPage } from '../editor/collab-session';
import { createConnectionController } from '../editor/connection-controller';
import { sendOwnAwarenessOnly } from '../editor/own-awareness';
import { colorForUser } from '../editor/user-color';

/** Another person's presence in the project, as the tree shows it. */
export interface PresentPerson {
  clientId: number;
  name: string;
  color: string;
  file: string | null;
  /** Their visible lines (0-based) and cursor line (1-based) in that file. */
  viewport: { start: number; end: number } | null;
  line: number | null;
  /** The client id of the person they follow, if any. */
  following: number | null;
}

const sameViewport = (a: ProjectPresence['viewport'], b: ProjectPresence['viewport']) =>
  (a ?? null) === (b ?? null) || (!!a && !!b && a.start === b.start && a.end === b.end);

/**
 * The project socket (sync/SPEC.md "Project socket"): presence (who is in which
 * file) and tree-change notices. Its Y.Doc stays empty; the same connection
 * controller as a document's owns reconnection with fresh tokens.
 */
export function createProjectSession(options: {
  projectId: string;
  user: { id: string; name: string };
  fetchToken: () => Promise<SyncTokenDto>;
  /** Called with each announced tree version, and with null after every (re)connect. */
  onTreeChange: (treeVersion: number | null) => void;
}) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${socketUrlForPage(window.location)}/project`, options.projectId, doc, {
    connect: false,
    shouldReconnect: () => false,
  });
  sendOwnAwarenessOnly(provider, doc.clientID);
  provider.messageHandlers[TREE_NOTICE_MESSAGE] = (_encoder, decoder: decoding.Decoder) => {
    options.onTreeChange(decoding.readVarUint(decoder));
  };
  const presence: ProjectPresence = { user: { name: options.user.name, color: colorForUser(options.user.id) }, file: null };
  provider.awareness.setLocalState(presence);
  const controller = createConnectionController({ transport: provider, fetchToken: options.fetchToken, backoff: createBackoff() });
  provider.on('sync', (synced: boolean) => {
    controller.onSynced(synced);
    // Whatever changed while we were away: the listing says.
    if (synced) options.onTreeChange(null);
  });
  provider.on('connection-close', (event: CloseEvent | null) => controller.onClose(event?.code ?? null));

  return {
    controller,
    awareness: provider.awareness,
    /** Tells the others which file this person is in. */
    setFile(file: string | null): void {
      provider.awareness.setLocalStateField('file', file);
    },
    /** Where this person looks in their file (for followers and "Ada — a.ts:42"); one message. */
    setView(viewport: ProjectPresence['viewport'], line: number | null): void {
      const state = provider.awareness.getLocalState() as ProjectPresence | null;
      if (!state || (sameViewport(state.viewport, viewport) && (state.line ?? null) === line)) return;
      provider.awareness.setLocalState({ ...state, viewport, line });
    },
    /** Tells the others (the followed person included) whom this person follows. */
    setFollowing(clientId: number | null): void {
      provider.awareness.setLocalStateField('following', clientId);
    },
    people(): PresentPerson[] {
      const people: PresentPerson[] = [];
      provider.awareness.getStates().forEach((state, clientId) => {
        const p = state as ProjectPresence;
        if (clientId === doc.clientID || !p.user) return;
        people.push({
          clientId,
          name: p.user.name,
          color: p.user.color,
          file: p.file ?? null,
          viewport: p.viewport ?? null,
          line: p.line ?? null,
          following: p.following ?? null,
        });
      });
      return people;
    },
    start: () => controller.start(),
    destroy(): void {
      controller.stop();
      provider.destroy();
      doc.destroy();
    },
  };
}

export type ProjectSession = ReturnType<typeof createProjectSession>;
