import { describe, expect, it, vi } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { sendOwnAwarenessOnly } from './own-awareness';

describe('sendOwnAwarenessOnly', () => {
  // Measured in e2e/pairing.e2e.test.ts: the stock provider echoed every state it heard, doubling uploads.
  it('sends this client’s own changes and never echoes another client’s', () => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider('ws://127.0.0.1:9', 'room', doc, { connect: false });
    const sent = vi.fn();
    provider.awareness.off('update', provider._awarenessUpdateHandler);
    provider._awarenessUpdateHandler = sent;
    provider.awareness.on('update', sent);
    sendOwnAwarenessOnly(provider, doc.clientID);

    const other = new Awareness(new Y.Doc());
    other.setLocalState({ user: { name: 'Ada' } });
    applyAwarenessUpdate(provider.awareness, encodeAwarenessUpdate(other, [other.clientID]), 'remote');
    expect(provider.awareness.getStates().has(other.clientID)).toBe(true);
    expect(sent).not.toHaveBeenCalled();

    provider.awareness.setLocalStateField('file', 'a.ts');
    expect(sent).toHaveBeenCalledTimes(1);
    const [changes] = sent.mock.calls[0] as [{ added: number[]; updated: number[]; removed: number[] }];
    expect([...changes.added, ...changes.updated, ...changes.removed]).toEqual([doc.clientID]);
    provider.destroy();
  });
});
