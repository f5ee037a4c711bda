import type { ContentLimits } from '@codesync/protocol';
import { describe, expect, it, vi } from 'vitest';
import { guardEdits } from './edit-guard';
import { formatBytes, judgeEdit, utf8Length } from './edit-limits';
import type { monaco as Monaco } from '../monaco/monaco-setup';

const limits: ContentLimits = { documentTextBytes: 100_000, updateBytes: 60_000, awarenessStateBytes: 8_192 };
const doc = (text: string) => ({ length: text.length, bytes: () => utf8Length(text) });

describe('utf8Length', () => {
  it('counts bytes as TextEncoder does, lone surrogates included', () => {
    for (const text of ['', 'abc', 'é', '€', '😀', 'a😀é€\n', '\ud800', '\udc00x', '\ud800\ud800']) {
      expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
    }
  });
});

describe('judgeEdit', () => {
  it('lets an edit through that keeps the document under the cap', () => {
    expect(judgeEdit(doc('x'.repeat(10)), [{ removed: '', inserted: 'hello' }], limits)).toEqual({ ok: true });
  });

  it('refuses a paste that would take the document past its text limit, in words', () => {
    const verdict = judgeEdit(doc('x'.repeat(90_000)), [{ removed: '', inserted: 'y'.repeat(20_000) }], limits);
    expect(verdict).toMatchObject({ ok: false, limit: 'document' });
    expect(verdict.ok || verdict.message).toBe(
      'This edit would make the document 107.4 KiB; a document can hold at most 97.7 KiB of text. Nothing was changed.',
    );
  });

  it('counts bytes, not characters: multi-byte text reaches the cap sooner', () => {
    const verdict = judgeEdit(doc('é'.repeat(45_000)), [{ removed: '', inserted: 'é'.repeat(6_000) }], limits);
    expect(verdict).toMatchObject({ ok: false, limit: 'document' });
  });

  it('counts what the edit replaces', () => {
    const text = 'x'.repeat(95_000);
    expect(judgeEdit(doc(text), [{ removed: 'x'.repeat(10_000), inserted: 'y'.repeat(10_000) }], limits)).toEqual({ ok: true });
  });

  it('always lets an edit shrink a document that is already over the cap', () => {
    expect(judgeEdit(doc('x'.repeat(120_000)), [{ removed: 'xx', inserted: 'y' }], limits)).toEqual({ ok: true });
  });

  it('refuses one edit larger than an update may be, even into an empty document', () => {
    const verdict = judgeEdit(doc(''), [{ removed: '', inserted: 'z'.repeat(58_000) }], limits);
    expect(verdict).toMatchObject({ ok: false, limit: 'update' });
  });

  it('sums the parts of a multi-cursor edit', () => {
    const parts = Array.from({ length: 4 }, () => ({ removed: '', inserted: 'q'.repeat(16_000) }));
    expect(judgeEdit(doc(''), parts, limits)).toMatchObject({ ok: false, limit: 'update' });
  });
});

describe('formatBytes', () => {
  it('reads as people read sizes', () => {
    expect(formatBytes(2 * 1024 * 1024)).toBe('2 MiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(12)).toBe('12 bytes');
  });
});

describe('guardEdits', () => {
  /** Appends every edit's text; tells content listeners as Monaco does. */
  function fakeModel(initial: string) {
    let value = initial;
    const listeners: ((event: { changes: { text: string }[] }) => void)[] = [];
    const model = {
      getValue: vi.fn(() => value),
      getValueLength: () => value.length,
      getValueInRange: () => '',
      onDidChangeContent: (listener: (typeof listeners)[number]) => {
        listeners.push(listener);
        return { dispose: () => undefined };
      },
      pushEditOperations: vi.fn((_before: unknown, operations: { text: string | null }[]) => {
        const changes = operations.map((operation) => ({ text: operation.text ?? '' }));
        value += changes.map((change) => change.text).join('');
        listeners.forEach((listener) => listener({ changes }));
        return [];
      }),
    };
    return model as typeof model & Monaco.editor.ITextModel;
  }
  const range = { startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: 1 };

  it('keeps a refused edit out of the model and reports it; lets the next small one through', () => {
    const model = fakeModel('x'.repeat(99_990));
    const onRefused = vi.fn();
    const onAccepted = vi.fn();
    const guard = guardEdits(model, { limits, onRefused, onAccepted });
    expect(model.pushEditOperations([], [{ range, text: 'y'.repeat(20) }], () => null)).toBeNull();
    expect(model.getValue()).toBe('x'.repeat(99_990));
    expect(onRefused).toHaveBeenCalledWith(expect.objectContaining({ limit: 'document' }));

    model.pushEditOperations([], [{ range, text: 'y' }], () => null);
    expect(model.getValue()).toBe(`${'x'.repeat(99_990)}y`);
    expect(onAccepted).toHaveBeenCalledTimes(1);
    guard.dispose();
  });

  it('counts a large text once, not on every keystroke', () => {
    const model = fakeModel('x'.repeat(80_000));
    const guard = guardEdits(model, { limits, onRefused: vi.fn() });
    for (let i = 0; i < 50; i += 1) model.pushEditOperations([], [{ range, text: 'y' }], () => null);
    expect(model.getValue).toHaveBeenCalledTimes(1);
    guard.dispose();
  });
});
