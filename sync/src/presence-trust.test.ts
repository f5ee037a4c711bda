import { createMemoryBus } from '@codesync/bus';
import { AWARENESS_STATE_LIMIT_BYTES, CloseCode } from '@codesync/protocol';
import { createMemorySnapshotStore } from '@codesync/storage';
import { waitFor } from '@codesync/testing';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, documentToken, rawSocket, startSyncServer, waitSynced, type TestClient, type TestSyncServer } from '../test/harness.js';
import { encodePresence } from './awareness-entries.js';
import { judgePresence } from './document-presence.js';
import { encodeAwareness } from './messages.js';

// Issue 12, "Anyone can forge presence": a viewer announced awareness for the owner's
// client id with a higher clock; a state like `selection: {anchor: {}, head: {}}` was
// relayed as is; when the forger left, the victim's presence was removed too (SPEC 20).
let server: TestSyncServer | undefined;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server?.close();
  server = undefined;
});

function client(id: string, token: string): TestClient {
  const c = connectClient(server!.url, id, token);
  clients.push(c);
  return c;
}

const frame = (clientId: number, clock: number, state: unknown) =>
  encodeAwareness(encodePresence([{ clientId, clock, state: state === null ? null : JSON.stringify(state) }]));

/** A selection exactly as y-monaco writes it: relative positions from a real document. */
function monacoSelection(doc: Y.Doc, anchor: number, head: number) {
  const text = doc.getText('content');
  return {
    anchor: JSON.parse(JSON.stringify(Y.createRelativePositionFromTypeIndex(text, anchor))) as unknown,
    head: JSON.parse(JSON.stringify(Y.createRelativePositionFromTypeIndex(text, head))) as unknown,
  };
}

describe('presence belongs to its sender (SPEC 20)', () => {
  it('passes honest y-monaco cursors, including positions Yjs writes with null item, type or tname', () => {
    const doc = new Y.Doc();
    doc.getText('content').insert(0, 'hello world');
    const user = { id: 'u1', name: 'Ada', color: '#aa3344' };
    for (const [anchor, head] of [[0, 0], [3, 7], [11, 11], [0, 11]] as const) {
      expect(judgePresence(JSON.stringify({ user, selection: monacoSelection(doc, anchor, head) }), AWARENESS_STATE_LIMIT_BYTES)).toBe('ok');
    }
    const empty = new Y.Doc();
    expect(judgePresence(JSON.stringify({ user, selection: monacoSelection(empty, 0, 0) }), AWARENESS_STATE_LIMIT_BYTES)).toBe('ok');
    expect(judgePresence(JSON.stringify({ user, selection: null, extra: 1 }), AWARENESS_STATE_LIMIT_BYTES)).toBe('ok');
    expect(judgePresence(JSON.stringify({ user, selection: { anchor: {}, head: {} } }), AWARENESS_STATE_LIMIT_BYTES)).toBe('malformed');
    expect(judgePresence(JSON.stringify({ user: { name: 5, color: '#fff' } }), AWARENESS_STATE_LIMIT_BYTES)).toBe('malformed');
    expect(judgePresence(JSON.stringify({ user, pad: 'x'.repeat(AWARENESS_STATE_LIMIT_BYTES) }), AWARENESS_STATE_LIMIT_BYTES)).toBe('too-large');
  });

  it('a viewer cannot forge the owner’s presence, relay a broken cursor, or remove the owner’s presence by leaving', async () => {
    server = await startSyncServer({ bus: createMemoryBus(), store: createMemorySnapshotStore() });
    const id = 'doc-presence';
    const owner = client(id, await documentToken(id, 'owner', { userId: 'owner' }));
    const watcher = client(id, await documentToken(id, 'editor', { userId: 'watcher' }));
    await waitSynced(owner);
    await waitSynced(watcher);
    owner.text.insert(0, 'hello world');
    owner.provider.awareness.setLocalStateField('user', { id: 'owner', name: 'Owner', color: '#112233' });
    owner.provider.awareness.setLocalStateField('selection', monacoSelection(owner.doc, 2, 5));
    const ownerId = owner.doc.clientID;
    const seen = (clientId: number) => watcher.provider.awareness.getStates().get(clientId) as { user?: { name?: string }; selection?: unknown } | undefined;
    await waitFor(() => seen(ownerId)?.user?.name === 'Owner' && seen(ownerId)?.selection !== undefined, { what: 'honest cursor relayed' });

    const { socket, closed } = await rawSocket(server.url, id, await documentToken(id, 'viewer', { userId: 'forger' }));
    const forgerId = 424242;
    socket.send(frame(ownerId, 1000, { user: { id: 'owner', name: 'forged', color: '#ff0000' } }));
    socket.send(frame(forgerId, 1, { user: { id: 'forger', name: 'Forger', color: '#00ff00' }, selection: { anchor: {}, head: {} } }));
    socket.send(frame(forgerId, 2, { user: { id: 'forger', name: 'Forger', color: '#00ff00' } }));
    // The forger's own, well-formed state arrives after the frames before it would have.
    await waitFor(() => seen(forgerId)?.user?.name === 'Forger', { what: 'forger’s own state' });
    expect(seen(ownerId)?.user?.name).toBe('Owner');

    socket.send(frame(ownerId, 1001, null));
    socket.close();
    await closed;
    await waitFor(() => seen(forgerId) === undefined, { what: 'forger removed on leaving' });
    expect(seen(ownerId)?.user?.name).toBe('Owner');
    expect([...owner.closes, ...watcher.closes]).toEqual([]);
  });

  it('closes a socket whose awareness state is over the size cap with 4413, relaying nothing', async () => {
    server = await startSyncServer({ bus: createMemoryBus(), store: createMemorySnapshotStore() });
    const id = 'doc-presence-size';
    const watcher = client(id, await documentToken(id, 'editor'));
    await waitSynced(watcher);
    const { socket, closed } = await rawSocket(server.url, id, await documentToken(id, 'viewer'));
    socket.send(frame(77, 1, { user: { name: 'big', color: '#000000' }, blob: 'x'.repeat(4 * 1024 * 1024) }));
    expect(await closed).toBe(CloseCode.tooLarge);
    expect(watcher.provider.awareness.getStates().has(77)).toBe(false);
  });
});
