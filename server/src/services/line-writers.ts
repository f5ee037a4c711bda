import * as Y from 'yjs';

/** A run of one line's text written under one Yjs client id: columns `from`..`to` (0-based UTF-16, exclusive). */
export interface ClientRun {
  client: number;
  from: number;
  to: number;
  /** Clock of the run's last character (the latest it holds: a client's clocks only grow). */
  lastClock: number;
}

export interface LineWriters {
  runs: ClientRun[];
  /** Who wrote the newline ending a line with no text: a blank line belongs to whoever made it. */
  newline?: { client: number; clock: number };
}

/**
 * Each line of the text (index 0 = line 1) as runs of the client ids that
 * wrote it, in order. Only string content takes columns, as in `toString()`.
 */
export function writersByLine(text: Y.Text): LineWriters[] {
  const lines: LineWriters[] = [{ runs: [] }];
  let column = 0;
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
    const { client, clock } = item.id;
    let offset = 0;
    item.content.str.split('\n').forEach((part, index) => {
      if (index > 0) {
        const ended = lines[lines.length - 1]!;
        if (ended.runs.length === 0) ended.newline = { client, clock: clock + offset - 1 };
        lines.push({ runs: [] });
        column = 0;
      }
      if (part.length > 0) {
        lines[lines.length - 1]!.runs.push({ client, from: column, to: column + part.length, lastClock: clock + offset + part.length - 1 });
        column += part.length;
      }
      offset += part.length + 1;
    });
  }
  return lines;
}
