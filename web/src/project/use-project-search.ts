import { useEffect, useRef, useState } from 'react';
import type { ProjectSearchResultDto } from '@codesync/protocol';
import type { ProjectSearchQuery } from '../api/project-api';
import { api } from '../app/services';
import { errorMessage } from '../app/error-message';

export interface SearchInput {
  query: string;
  regex: boolean;
  caseSensitive: boolean;
  wholeWord: boolean;
}

export interface SearchState {
  result: ProjectSearchResultDto | null;
  error: string | null;
  busy: boolean;
}

/** Typing pauses this long before a search is sent: each search reads every file of the project. */
const DEBOUNCE_MS = 300;

/** The query string of GET …/search for what the user typed. */
export function searchParams(input: SearchInput): ProjectSearchQuery {
  const params: ProjectSearchQuery = { q: input.query };
  if (input.regex) params.regex = 'true';
  if (input.caseSensitive) params.caseSensitive = 'true';
  if (input.wholeWord) params.wholeWord = 'true';
  return params;
}

/**
 * Searches the project as the user types (debounced); an answer to an older
 * query than the latest is dropped, so results never go back in time.
 * `generation` re-runs the same query (after the files changed, say).
 */
export function useProjectSearch(projectId: string, input: SearchInput, generation: number): SearchState {
  const [state, setState] = useState<SearchState>({ result: null, error: null, busy: false });
  const latest = useRef(0);
  const { query, regex, caseSensitive, wholeWord } = input;

  useEffect(() => {
    const ticket = (latest.current += 1);
    if (!query) {
      setState({ result: null, error: null, busy: false });
      return;
    }
    setState((s) => ({ ...s, busy: true }));
    const timer = window.setTimeout(() => {
      api.searchProject(projectId, searchParams({ query, regex, caseSensitive, wholeWord })).then(
        (result) => ticket === latest.current && setState({ result, error: null, busy: false }),
        (cause: unknown) => ticket === latest.current && setState({ result: null, error: errorMessage(cause), busy: false }),
      );
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [projectId, query, regex, caseSensitive, wholeWord, generation]);

  return state;
}
