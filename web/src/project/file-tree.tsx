import { useState, type DragEvent } from 'react';
import type { ProjectEntryDto } from '@codesync/protocol';
import type { PresentPerson } from './project-session';
import { LanguageBadge } from './language-badge';
import { PathForm } from './path-form';

interface FileTreeProps {
  entries: ProjectEntryDto[];
  people: PresentPerson[];
  activePath: string | null;
  canEdit: boolean;
  onOpen: (entry: ProjectEntryDto) => void;
  onMove: (from: string, to: string) => Promise<void>;
  onDelete: (entry: ProjectEntryDto) => void;
  /** Files dragged in from the desktop, dropped on a folder (or the root: null). */
  onUpload?: (files: File[], folder: string | null) => Promise<void>;
  /** A move by drag and drop failed (the keyboard form shows its own error). */
  onError: (cause: unknown) => void;
}

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const depthOf = (path: string) => path.split('/').length - 1;
const DRAG_TYPE = 'application/x-codesync-path';

/**
 * The project's tree, folders and files sorted by path. Moves by drag and drop
 * onto a folder (or the tree's root), or from the keyboard with "Move" (a path field).
 */
export function FileTree({ entries, people, activePath, canEdit, onOpen, onMove, onDelete, onUpload, onError }: FileTreeProps) {
  const [moving, setMoving] = useState<string | null>(null);

  function drop(event: DragEvent, folder: string | null): void {
    event.preventDefault();
    event.stopPropagation();
    const dropped = [...event.dataTransfer.files];
    if (dropped.length > 0) {
      if (canEdit && onUpload) onUpload(dropped, folder).catch(onError);
      return;
    }
    const from = event.dataTransfer.getData(DRAG_TYPE);
    if (!from) return;
    const to = folder ? `${folder}/${baseName(from)}` : baseName(from);
    if (to !== from) onMove(from, to).catch(onError);
  }

  return (
    <ul className="file-tree" aria-label="Files" onDragOver={(e) => e.preventDefault()} onDrop={(e) => drop(e, null)}>
      {entries.map((entry) => {
        const here = people.filter((p) => p.file === entry.path);
        return (
          <li
            key={entry.path}
            className={entry.path === activePath ? 'tree-row active' : 'tree-row'}
            style={{ paddingLeft: `${depthOf(entry.path) * 1}rem` }}
            draggable={canEdit}
            onDragStart={(e) => e.dataTransfer.setData(DRAG_TYPE, entry.path)}
            onDragOver={(e) => entry.kind === 'folder' && e.preventDefault()}
            onDrop={(e) => entry.kind === 'folder' && drop(e, entry.path)}
          >
            {moving === entry.path ? (
              <PathForm label={`Move ${entry.path} to`} initial={entry.path} submitLabel="Move" onSubmit={(to) => onMove(entry.path, to)} onCancel={() => setMoving(null)} />
            ) : (
              <>
                <button
                  type="button"
                  className="ghost tree-name"
                  aria-label={entry.kind === 'folder' ? `Folder ${entry.path}` : `File ${entry.path}`}
                  onClick={() => entry.kind === 'file' && onOpen(entry)}
                >
                  {entry.kind === 'folder' ? <span aria-hidden="true">▸ </span> : <LanguageBadge language={entry.language ?? 'plaintext'} />}
                  {baseName(entry.path)}
                </button>
                {here.map((p) => (
                  <span key={p.clientId} className="presence-dot" style={{ background: p.color }} title={`${p.name} is here`} aria-label={`${p.name} is in ${entry.path}`} />
                ))}
                {canEdit && (
                  <span className="tree-actions">
                    <button type="button" className="ghost" aria-label={`Move or rename ${entry.path}`} onClick={() => setMoving(entry.path)}>
                      Move
                    </button>
                    <button type="button" className="ghost" aria-label={`Delete ${entry.path}`} onClick={() => onDelete(entry)}>
                      Delete
                    </button>
                  </span>
                )}
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}
