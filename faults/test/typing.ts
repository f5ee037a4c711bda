import type { Editor } from './editors.js';

export interface Typists {
  /** Marks each editor typed, by editor index. */
  typed: string[][];
  total(): number;
  stop(): void;
}

/**
 * Every `intervalMs`, each editor types a unique mark `[<name><i>-<n>]` at a
 * position drawn from `random`, whether or not it is connected (offline
 * edits stay in its Y.Doc until it reconnects).
 */
export function startTyping(editors: Editor[], options: { name: string; intervalMs: number; random?: () => number }): Typists {
  const random = options.random ?? Math.random;
  const typed: string[][] = editors.map(() => []);
  let n = 0;
  const timer = setInterval(() => {
    n += 1;
    for (const [i, editor] of editors.entries()) {
      const mark = `[${options.name}${i}-${n}]`;
      // At a mark boundary, so that no mark is split by another.
      const text = editor.text.toString();
      const boundaries = [0, ...[...text.matchAll(/\]/g)].map((m) => (m.index ?? 0) + 1)];
      editor.text.insert(boundaries[Math.floor(random() * boundaries.length)] ?? 0, mark);
      typed[i]!.push(mark);
    }
  }, options.intervalMs);
  return {
    typed,
    total: () => typed.reduce((sum, marks) => sum + marks.length, 0),
    stop: () => clearInterval(timer),
  };
}

/** Marks from `typed` missing in `text`. */
export function missingMarks(typed: string[][], text: string): string[] {
  return typed.flat().filter((mark) => !text.includes(mark));
}
