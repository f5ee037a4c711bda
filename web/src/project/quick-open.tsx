import { useMemo, useState, type KeyboardEvent } from 'react';
import { Modal } from '../ui/modal';
import { fuzzyFilter } from './fuzzy';

/** Ctrl/Cmd+P: type part of a path, Enter opens the best match (arrows choose another). */
export function QuickOpen({ paths, onOpen, onClose }: { paths: string[]; onOpen: (path: string) => void; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState(0);
  const matches = useMemo(() => fuzzyFilter(paths, query), [paths, query]);

  function keyDown(event: KeyboardEvent): void {
    if (event.key === 'ArrowDown') setSelected((i) => Math.min(i + 1, matches.length - 1));
    else if (event.key === 'ArrowUp') setSelected((i) => Math.max(i - 1, 0));
    else if (event.key === 'Enter' && matches[selected]) onOpen(matches[selected]);
    else return;
    event.preventDefault();
  }

  return (
    <Modal title="Open a file" onClose={onClose}>
      <input
        aria-label="File path"
        placeholder="Type part of a path"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setSelected(0);
        }}
        onKeyDown={keyDown}
        autoFocus
      />
      <ul className="quick-open-list" role="listbox" aria-label="Matching files">
        {matches.map((path, i) => (
          <li key={path} role="option" aria-selected={i === selected}>
            <button type="button" className="ghost" onClick={() => onOpen(path)}>
              {path}
            </button>
          </li>
        ))}
      </ul>
    </Modal>
  );
}
