import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProjectSearchResultDto } from '@codesync/protocol';
import { FindInFiles } from './find-in-files';
import type { SearchInput } from './use-project-search';

const DOC = '6f1c2a7e-0000-4000-8000-000000000001';

function resultFor(query: string): ProjectSearchResultDto {
  const preview = `const ${query} = 1;`;
  return {
    files: [{ path: `src/${query}.ts`, documentId: DOC, matches: [{ line: 7, column: 7, length: query.length, preview, previewStart: 6 }] }],
    matchCount: 1,
    searchedFiles: 3,
    truncated: false,
  };
}

const searchProject = vi.hoisted(() => vi.fn());
vi.mock('../app/services', () => ({ api: { searchProject } }));

/** Answers each search when the test says so, so answers can arrive out of order. */
function stubSearches() {
  const pending = new Map<string, () => void>();
  searchProject.mockImplementation((_projectId: string, query: { q: string }) => {
    return new Promise<ProjectSearchResultDto>((resolve) => {
      pending.set(query.q, () => resolve(resultFor(query.q)));
    });
  });
  return { answer: (q: string) => act(async () => pending.get(q)?.()) };
}

function Panel({ onOpen }: { onOpen: (path: string, target: unknown) => void }) {
  const [input, setInput] = useState<SearchInput>({ query: '', regex: false, caseSensitive: false, wholeWord: false });
  return <FindInFiles projectId="p" input={input} onInput={setInput} generation={0} onRefresh={() => undefined} focusKey={0} onOpen={onOpen} onClose={() => undefined} />;
}

const type = (text: string) => fireEvent.change(screen.getByRole('searchbox', { name: 'Find in files' }), { target: { value: text } });
const settleTimers = () => act(async () => vi.advanceTimersByTime(400));

beforeEach(() => {
  vi.useFakeTimers();
  searchProject.mockReset();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('FindInFiles', () => {
  it('lists matches by file with the match marked, and opens the file at the match', async () => {
    const searches = stubSearches();
    const onOpen = vi.fn();
    render(<Panel onOpen={onOpen} />);
    type('greet');
    await settleTimers();
    await searches.answer('greet');
    expect(screen.getByRole('status').textContent).toBe('1 result in 1 file.');
    expect(screen.getByText('greet', { selector: 'mark' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'src/greet.ts line 7: const greet = 1;' }));
    expect(onOpen).toHaveBeenCalledWith('src/greet.ts', { documentId: DOC, line: 7, column: 7, length: 5 });
  });

  it('drops an answer to an older query that arrives after the newer one', async () => {
    const searches = stubSearches();
    render(<Panel onOpen={() => undefined} />);
    type('gre');
    await settleTimers();
    type('greet');
    await settleTimers();
    await searches.answer('greet');
    await searches.answer('gre');
    expect(screen.getByText('src/greet.ts')).toBeTruthy();
    expect(screen.queryByText('src/gre.ts')).toBeNull();
  });

  it('waits for typing to pause before it searches', async () => {
    searchProject.mockImplementation(() => new Promise(() => undefined));
    render(<Panel onOpen={() => undefined} />);
    type('g');
    type('gr');
    type('gre');
    await settleTimers();
    expect(searchProject).toHaveBeenCalledTimes(1);
    expect(searchProject).toHaveBeenCalledWith('p', { q: 'gre' });
  });
});
