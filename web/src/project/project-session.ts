import { TREE_NOTICE_MESSAGE, type ProjectPresence, type SyncTokenDto } from '@codesync/protocol';
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createBackoff } from '../editor/backoff';
import { socketUrlForPage } from '../editor/collab-session';
import { createConnectionController } from '../editor/connection-controller';
import { colorForUser } from '../editor/user-color';

/** Another person's presence in the project, as the tree shows it. */
export interface PresentPerson {
  clientId: number;
  name: string;
  color: string;
  file: string | null;
}

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
    people(): PresentPerson[] {
      const people: PresentPerson[] = [];
      provider.awareness.getStates().forEach((state, clientId) => {
        const p = state as ProjectPresence;
        if (clientId === doc.clientID || !p.user) return;
        people.push({ clientId, name: p.user.name, color: p.user.color, file: p.file ?? null });
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
