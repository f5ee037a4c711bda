import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { monaco } from '../monaco/monaco-setup';
import type { PresentPerson, ProjectSession } from './project-session';
import { useFollow } from './use-follow';

type Editor = monaco.editor.IStandaloneCodeEditor;

/** The members of a Monaco editor that following uses: a 400-line text, 30 lines tall. */
function fakeEditor() {
  const keyListeners: Array<(e: { browserEvent: { key: string } }) => void> = [];
  const node = document.createElement('div');
  let top = 0;
  const editor = {
    getModel: () => ({ getLineCount: () => 400 }),
    getVisibleRanges: () => [{ startLineNumber: top + 1, endLineNumber: top + 30 }],
    getTopForLineNumber: (line: number) => line - 1,
    setScrollTop: (px: number) => void (top = px),
    revealLineInCenterIfOutsideViewport: vi.fn(),
    onKeyDown: (listener: (e: { browserEvent: { key: string } }) => void) => {
      keyListeners.push(listener);
      return { dispose: () => keyListeners.splice(keyListeners.indexOf(listener), 1) };
    },
    onDidChangeModelContent: () => ({ dispose: () => undefined }),
    getDomNode: () => node,
  };
  return {
    editor: editor as unknown as Editor,
    top: () => top,
    key: (key: string) => [...keyListeners].forEach((l) => l({ browserEvent: { key } })),
    wheel: () => node.dispatchEvent(new Event('wheel')),
  };
}

const ada = (over: Partial<PresentPerson> = {}): PresentPerson => ({
  clientId: 7, name: 'Ada', color: '#f00', file: 'b.ts', viewport: { start: 180, end: 220 }, line: 200, following: null, ...over,
});

function setup(activePath: string | null = 'b.ts') {
  const session = { setFollowing: vi.fn() } as unknown as ProjectSession;
  const fake = fakeEditor();
  const openPath = vi.fn();
  const hook = renderHook((props: { people: PresentPerson[]; active: string | null }) =>
    useFollow({ session, people: props.people, editor: fake.editor, activePath: props.active, openPath }),
    { initialProps: { people: [ada()], active: activePath } },
  );
  return { hook, fake, openPath, session: session as unknown as { setFollowing: ReturnType<typeof vi.fn> } };
}

describe('useFollow', () => {
  it('goes to their place, tells them, and follows them into another file', () => {
    const { hook, fake, openPath, session } = setup();
    act(() => hook.result.current.toggle(7));
    expect(session.setFollowing).toHaveBeenLastCalledWith(7);
    expect(fake.top()).toBe(180);
    hook.rerender({ people: [ada({ file: 'c.ts', viewport: { start: 0, end: 40 }, line: 3 })], active: 'b.ts' });
    expect(openPath).toHaveBeenCalledWith('c.ts');
  });

  it('stops when you type, scroll with the wheel or press Escape, but not on a modifier key', () => {
    for (const stop of ['type', 'wheel', 'escape'] as const) {
      const { hook, fake, session } = setup();
      act(() => hook.result.current.toggle(7));
      act(() => fake.key('Shift'));
      expect(hook.result.current.target).not.toBeNull();
      act(() => {
        if (stop === 'type') fake.key('x');
        if (stop === 'wheel') fake.wheel();
        if (stop === 'escape') window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
      });
      expect(hook.result.current.target, stop).toBeNull();
      expect(session.setFollowing).toHaveBeenLastCalledWith(null);
    }
  });

  it('a jump goes there once and ends; following someone who leaves ends', () => {
    const { hook, fake } = setup();
    act(() => hook.result.current.jump(7));
    expect(fake.top()).toBe(180);
    expect(hook.result.current.target).toBeNull();
    act(() => hook.result.current.toggle(7));
    hook.rerender({ people: [], active: 'b.ts' });
    expect(hook.result.current.target).toBeNull();
  });
});
