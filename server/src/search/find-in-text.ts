import type { RE2JS } from 're2js';
import { SEARCH_PREVIEW_MAX_CHARS, type SearchMatchDto } from '@codesync/protocol';

/** Characters of context kept before the match when a long line is cut for its preview. */
const CONTEXT_BEFORE = 40;

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** The line, or a window of a long line around the match that does not split a character. */
function preview(line: string, start: number): { preview: string; previewStart: number } {
  if (line.length <= SEARCH_PREVIEW_MAX_CHARS) return { preview: line, previewStart: start };
  let from = Math.max(0, start - CONTEXT_BEFORE);
  if (from > 0 && isLowSurrogate(line.charCodeAt(from))) from -= 1;
  let to = Math.min(line.length, from + SEARCH_PREVIEW_MAX_CHARS);
  if (to < line.length && isLowSurrogate(line.charCodeAt(to))) to -= 1;
  return { preview: line.slice(from, to), previewStart: start - from };
}

/** Where the line starting at `from` ends (its line break, or the text's end). */
function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

/**
 * Up to `limit` matches of `pattern` in `text`, in order, each placed on its line
 * (1-based line and column in UTF-16 code units, as Monaco counts). The whole text is
 * matched at once, so a pattern may span lines; such a match is shown on the line it
 * starts on, its length cut at that line's end.
 */
export function findInText(original: string, pattern: RE2JS, limit: number): SearchMatchDto[] {
  const found: SearchMatchDto[] = [];
  // One kind of line break, as editors count lines (CRLF and CR end one line each), so RE2's `$` ends every line.
  const text = original.replace(/\r\n?/g, '\n');
  if (limit <= 0 || !pattern.test(text)) return found;
  const matcher = pattern.matcher(text);
  let line = 1;
  let start = 0;
  let end = lineEnd(text, 0);
  let lineText: string | null = null;
  while (found.length < limit && matcher.find()) {
    const at = matcher.start();
    while (end < text.length && at > end) {
      start = end + 1;
      end = lineEnd(text, start);
      line += 1;
      lineText = null;
    }
    lineText ??= text.slice(start, end);
    const column = Math.min(at, end) - start;
    found.push({ line, column: column + 1, length: Math.max(0, Math.min(matcher.end(), end) - at), ...preview(lineText, column) });
  }
  return found;
}
