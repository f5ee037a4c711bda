// Issue 12: a member's client can put anything in its awareness state, and the sync
// service used to relay it as is. `selection: {anchor: {}, head: {}}` threw inside
// y-monaco's and the app's cursor rendering on every other client (in the provider's
// message handler), and a colour or name went into an injected <style> and labels
// unchecked. Each state below goes through the real awareness encoding into a client
// that renders presence the way the editor page does.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { MonacoBinding } from 'y-monaco';
import * as Y from 'yjs';
import { SHARED_TEXT } from '@codesync/protocol';
import { awarenessForBinding } from './monaco-awareness';
import { PresenceList } from './presence-list';
import { attachRemoteCursors } from './remote-cursors';
import { createFakeEditor, fakeMonaco } from './test-fake-editor';

// y-monaco builds its decoration ranges with the Monaco API; a plain class stands in.
vi.mock('monaco-editor/esm/vs/editor/editor.api.js', () => ({
  Range: class {
    constructor(
      readonly startLineNumber: number,
      readonly startColumn: number,
      readonly endLineNumber: number,
      readonly endColumn: number,
    ) {}
  },
  SelectionDirection: { LTR: 0, RTL: 1 },
}));

const disposers: (() => void)[] = [];
afterEach(() => {
  cleanup();
  disposers.splice(0).forEach((dispose) => dispose());
  vi.restoreAllMocks();
});

const mallory = { id: 'mallory', name: 'Mallory', color: '#e5484d' };

/** What a hostile peer can send; the first is the example. */
const hostileStates: [string, unknown][] = [
  ['empty anchor and head', { user: mallory, selection: { anchor: {}, head: {} } }],
  ['user as a string', { user: 'owner', selection: { anchor: {}, head: {} } }],
  ['user null, selection a number', { user: null, selection: 5 }],
  ['numbers and arrays where strings belong', { user: { id: 42, name: ['a'], color: {} } }],
  ['an array as the whole state', [1, 2, 3]],
  ['a string as the whole state', 'hello'],
  ['ids that are not integers', { user: mallory, selection: { anchor: { item: { client: 'a', clock: -1 } }, head: { type: { client: 1e300, clock: 0 } } } }],
  ['a position in another root type', { user: mallory, selection: { anchor: { tname: 'evil' }, head: { tname: 'evil' } } }],
  ['an item the document does not hold', { user: mallory, selection: { anchor: { item: { client: 999, clock: 5 } }, head: { item: { client: 999, clock: 5 } } } }],
  ['assoc as a string', { user: mallory, selection: { anchor: { tname: SHARED_TEXT, assoc: 'x' }, head: { tname: SHARED_TEXT } } }],
  ['item null, head empty', { user: mallory, selection: { anchor: { item: null }, head: {} } }],
  ['a stylesheet in the colour', { user: { id: 'css', name: 'Css', color: 'red}body{display:none' }, selection: null }],
  ['a megabyte name', { user: { id: 'long', name: 'A'.repeat(1_000_000), color: '#30a46c' }, selection: null }],
];

function setup() {
  const doc = new Y.Doc();
  const text = doc.getText(SHARED_TEXT);
  text.insert(0, 'hello world');
  const awareness = new Awareness(doc);
  awareness.setLocalStateField('user', { id: 'ada', name: 'Ada', color: '#0090ff' });
  const { editor, model } = createFakeEditor(text);
  const binding = new MonacoBinding(text, model, new Set([editor]), awarenessForBinding(awareness, text));
  const cursors = attachRemoteCursors(fakeMonaco, editor, awareness, text);
  render(<PresenceList awareness={awareness} />);
  disposers.push(() => {
    cursors.dispose();
    binding.destroy();
    awareness.destroy();
  });
  return { doc, text, awareness, editor, binding, cursors };
}

/** A peer's state, encoded and applied as the provider does with a message from the socket. */
function receive(awareness: Awareness, state: unknown, clientId = 7): void {
  const peer = new Awareness(new Y.Doc());
  peer.clientID = clientId;
  // Clock 0 is what a fresh receiver already assumes; a second state gets clock 1 and applies.
  peer.setLocalState({});
  peer.setLocalState(state as Record<string, unknown>);
  act(() => applyAwarenessUpdate(awareness, encodeAwarenessUpdate(peer, [clientId]), 'socket'));
  peer.destroy();
}

describe('presence rendering under hostile awareness states', () => {
  it.each(hostileStates)('survives %s', (_name, state) => {
    const { awareness, editor } = setup();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(() => receive(awareness, state)).not.toThrow();
    // The client keeps working: an honest peer's cursor and name still show.
    receive(awareness, { user: { id: 'bob', name: 'Bob', color: '#30a46c' }, selection: { anchor: { tname: SHARED_TEXT, assoc: -1 }, head: { tname: SHARED_TEXT, assoc: -1 } } }, 8);
    expect(editor.labels().map((label) => label.textContent)).toContain('Bob');
    expect(screen.getByRole('list', { name: 'People here' }).textContent).toContain('Bob');
    for (const style of document.head.querySelectorAll('style')) expect(style.textContent).not.toMatch(/display:none|evil/);
  });

  it('caps a long name and strips bidi overrides from labels and the presence list', () => {
    const { awareness, editor } = setup();
    const name = `\u202e${'Z'.repeat(500)}`;
    receive(awareness, { user: { id: 'z', name, color: '#8e4ec6' }, selection: { anchor: { tname: SHARED_TEXT }, head: { tname: SHARED_TEXT } } });
    const label = editor.labels()[0]?.textContent ?? '';
    expect(label).toMatch(/^Z+…$/);
    expect([...label].length).toBe(48);
    expect(screen.getByRole('list', { name: 'People here' }).textContent).not.toContain('\u202e');
  });

  it('draws y-monaco decorations for a valid remote selection, in a colour from the user id when the sent one is not a colour', () => {
    const { awareness, editor, text } = setup();
    const start = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, 0));
    receive(awareness, { user: { id: 'bob', name: 'Bob', color: 'url(javascript:x)' }, selection: { anchor: start, head: { tname: SHARED_TEXT } } });
    expect(editor.decorations().some((decoration) => decoration.options.className?.includes('yRemoteSelection-7'))).toBe(true);
    const css = [...document.head.querySelectorAll('style')].map((style) => style.textContent).join('\n');
    expect(css).toMatch(/\.yRemoteSelectionHead-7\{border-left:2px solid #[0-9a-f]{6};/);
  });
});
