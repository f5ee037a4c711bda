import type { Editor } from './editors.js';

export interface Typists {
  /** Marks each editor typed, by editor index. */
  typed: string[][];
  total(): number;
  stop(): void;
}

/** A mark of fixed width for a given name: `[<name><i>-<n>]`, i and n zero-padded. */
const mark = (name: string, i: number, n: number) => `[${name}${String(i).padStart(3, '0')}-${String(n).padStart(6, '0')}]`;

/**
 * A position at a mark boundary, so that no mark is split by another. When
 * every mark in the text has the same width (one typist's, or typists with
 * names of one length) the boundaries are its multiples: no need to read the
 * text, which at soak size (tens of KB per room, 500 editors typing every
 * second) cost this process more CPU than the sync processes it measures.
 */
function boundary(editor: Editor, width: number, random: () => number): number {
  const length = editor.text.length;
  if (length % width === 0) return width * Math.floor(random() * (length / width + 1));
  const text = editor.text.toString();
  const boundaries = [0, ...[...text.matchAll(/\]/g)].map((m) => (m.index ?? 0) + 1)];
  return boundaries[Math.floor(random() * boundaries.length)] ?? 0;
}

/**
 * Every `intervalMs`, each editor types a unique mark `[<name><i>-<n>]` at a
 * position drawn from `random`, whether or not it is connected (offline
 * edits stay in its Y.Doc until it reconnects).
 */
export function startTyping(editors: Editor[], options: { name: string; intervalMs: number; random?: () => number }): Typists {
  const random = options.random ?? Math.random;
  const typed: string[][] = editors.map(() => []);
  const width = mark(options.name, 0, 0).length;
  let n = 0;
  const timer = setInterval(() => {
    n += 1;
    for (const [i, editor] of editors.entries()) {
      const typedMark = mark(options.name, i, n);
      editor.text.insert(boundary(editor, width, random), typedMark);
      typed[i]!.push(typedMark);
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
