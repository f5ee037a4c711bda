import { useEffect, useRef } from 'react';
import type { SearchFileDto, SearchMatchDto } from '@codesync/protocol';
import type { RevealTarget } from '../editor/reveal-position';
import { FormError } from '../ui/form-error';
import { useProjectSearch, type SearchInput } from './use-project-search';

interface FindInFilesProps {
  projectId: string;
  input: SearchInput;
  onInput: (input: SearchInput) => void;
  /** Re-runs the search (the tree changed, or the user asked). */
  generation: number;
  onRefresh: () => void;
  /** Bumped by each Ctrl/Cmd+Shift+F, to focus the field again. */
  focusKey: number;
  onOpen: (path: string, target: RevealTarget) => void;
  onClose: () => void;
}

const options = [
  ['caseSensitive', 'Match case'],
  ['wholeWord', 'Whole word'],
  ['regex', 'Regular expression'],
] as const;

function summary(count: number, files: number, truncated: boolean): string {
  if (count === 0) return 'No results.';
  const found = `${count} ${count === 1 ? 'result' : 'results'} in ${files} ${files === 1 ? 'file' : 'files'}`;
  return truncated ? `${found} (the first ${count}; refine the search to see the rest).` : `${found}.`;
}

function MatchButton({ file, match, onOpen }: { file: SearchFileDto; match: SearchMatchDto; onOpen: FindInFilesProps['onOpen'] }) {
  const { preview, previewStart, length } = match;
  const target = { documentId: file.documentId, line: match.line, column: match.column, length };
  return (
    <button type="button" className="find-match" onClick={() => onOpen(file.path, target)} aria-label={`${file.path} line ${match.line}: ${preview.trim()}`}>
      <span className="find-line">{match.line}</span>
      <span className="find-preview">
        {preview.slice(0, previewStart)}
        <mark>{preview.slice(previewStart, previewStart + length)}</mark>
        {preview.slice(previewStart + length)}
      </span>
    </button>
  );
}

/** Ctrl/Cmd+Shift+F: text or regex over the project's current texts, results by file and line; a click opens the file there. */
export function FindInFiles({ projectId, input, onInput, generation, onRefresh, focusKey, onOpen, onClose }: FindInFilesProps) {
  const field = useRef<HTMLInputElement>(null);
  const { result, error, busy } = useProjectSearch(projectId, input, generation);
  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, [focusKey]);

  return (
    <section className="find-panel" aria-label="Find in files">
      <header className="find-header">
        <h2>Find in files</h2>
        <button type="button" className="icon-button" aria-label="Refresh results" title="Search again" onClick={onRefresh}>
          ↻
        </button>
        <button type="button" className="icon-button" aria-label="Close find in files" onClick={onClose}>
          ×
        </button>
      </header>
      <input
        ref={field}
        type="search"
        aria-label="Find in files"
        placeholder="Find in files"
        value={input.query}
        onChange={(e) => onInput({ ...input, query: e.target.value })}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
        }}
      />
      <div className="find-options" role="group" aria-label="Search options">
        {options.map(([key, label]) => (
          <label key={key}>
            <input type="checkbox" checked={input[key]} onChange={(e) => onInput({ ...input, [key]: e.target.checked })} /> {label}
          </label>
        ))}
      </div>
      <FormError error={error} />
      <p className="find-summary" role="status">
        {busy ? 'Searching…' : result ? summary(result.matchCount, result.files.length, result.truncated) : ''}
      </p>
      {result && (
        <ul className="find-results" aria-label="Results">
          {result.files.map((file) => (
            <li key={file.documentId}>
              <div className="find-file">
                <span>{file.path}</span> <span className="find-count">{file.matches.length}</span>
              </div>
              <ul>
                {file.matches.map((match) => (
                  <li key={`${match.line}:${match.column}`}>
                    <MatchButton file={file} match={match} onOpen={onOpen} />
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
