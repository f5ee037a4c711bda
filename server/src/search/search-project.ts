import type { RE2JS } from 're2js';
import type { ProjectSearchResultDto, SearchFileDto } from '@codesync/protocol';
import { findInText } from './find-in-text.js';

export interface SearchableFile {
  path: string;
  documentId: string;
}

/** Texts loaded ahead of the one being searched: enough to hide the store's latency, few enough to bound memory. */
export const SEARCH_READ_AHEAD = 8;

/**
 * Searches the files in path order, reading texts a few at a time ahead, and stops
 * at `maxResults` matches (`truncated`), so the answer is the same whatever the timing.
 */
export async function searchFiles(
  files: SearchableFile[],
  loadText: (documentId: string) => Promise<string>,
  pattern: RE2JS,
  maxResults: number,
): Promise<ProjectSearchResultDto> {
  const ordered = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const pending: Promise<string>[] = [];
  let next = 0;
  const fill = () => {
    while (next < ordered.length && pending.length < SEARCH_READ_AHEAD) {
      const text = loadText(ordered[next]!.documentId);
      text.catch(() => undefined); // awaited below in order; this only stops an unhandled rejection while it waits
      pending.push(text);
      next += 1;
    }
  };
  const result: SearchFileDto[] = [];
  let matchCount = 0;
  let searched = 0;
  let truncated = false;
  fill();
  while (searched < ordered.length) {
    const text = await pending.shift()!;
    const file = ordered[searched]!;
    searched += 1;
    const matches = findInText(text, pattern, maxResults - matchCount + 1);
    if (matchCount + matches.length > maxResults) {
      truncated = true;
      matches.length = maxResults - matchCount;
    }
    if (matches.length > 0) result.push({ path: file.path, documentId: file.documentId, matches });
    matchCount += matches.length;
    if (truncated) break;
    fill();
  }
  return { files: result, matchCount, searchedFiles: searched, truncated };
}
