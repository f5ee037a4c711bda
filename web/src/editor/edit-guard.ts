import type { ContentLimits } from '@codesync/protocol';
import type { monaco as Monaco } from '../monaco/monaco-setup';
import { judgeEdit, utf8Length, type EditVerdict } from './edit-limits';

type Model = Monaco.editor.ITextModel;
type PushEditOperations = Model['pushEditOperations'];

export interface EditGuardOptions {
  limits: ContentLimits;
  /** An edit was refused; nothing changed in the model or the document. */
  onRefused(verdict: Extract<EditVerdict, { ok: false }>): void;
  /** An edit passed (so an earlier refusal message can go). */
  onAccepted?(): void;
}

/**
 * Keeps an edit over a limit out of the model, and so out of the Y.Text: y-monaco copies
 * every model change into the shared text, and Monaco has no cancellable "before edit"
 * event. Typing, paste, drop and every editor command go through the model's
 * `pushEditOperations`, so that one method is wrapped on this model. Remote changes
 * arrive through `applyEdits` (y-monaco) and are not judged here: the server did.
 */
export function guardEdits(model: Model, options: EditGuardOptions): { dispose(): void } {
  const original = model.pushEditOperations;
  // Counting a 2 MiB text takes tens of milliseconds: too slow per keystroke. The last
  // exact count plus every byte inserted since (by anyone) is a bound that only grows;
  // the text is counted again only when that bound is not enough to let an edit pass.
  let atMost = Number.POSITIVE_INFINITY;
  const growth = model.onDidChangeContent((event) => {
    for (const change of event.changes) atMost += utf8Length(change.text);
  });
  const size = {
    get length() {
      return model.getValueLength();
    },
    bytes(): number {
      atMost = utf8Length(model.getValue());
      return atMost;
    },
    bytesAtMost: () => atMost,
  };
  const guarded = function (this: Model, ...args: Parameters<PushEditOperations>): ReturnType<PushEditOperations> {
    const parts = args[1].map((operation) => ({ removed: model.getValueInRange(operation.range), inserted: operation.text ?? '' }));
    const verdict = judgeEdit(size, parts, options.limits);
    if (!verdict.ok) {
      options.onRefused(verdict);
      return null;
    }
    options.onAccepted?.();
    return original.apply(this, args);
  };
  model.pushEditOperations = guarded;
  return {
    dispose() {
      growth.dispose();
      if (model.pushEditOperations === guarded) model.pushEditOperations = original;
    },
  };
}
