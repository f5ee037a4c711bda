import { useState } from 'react';
import { canWrite, type DocumentDto } from '@codesync/protocol';
import { Link } from '../router/link';
import { documentPath } from '../router/router';
import { languageLabel } from '../ui/language-select';
import { RoleBadge } from '../ui/role-badge';
import { RenameForm } from './rename-form';

interface DocumentRowProps {
  document: DocumentDto;
  onChanged: (document: DocumentDto) => void;
  onShare: () => void;
  onDelete: () => void;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function DocumentRow({ document, onChanged, onShare, onDelete }: DocumentRowProps) {
  const [renaming, setRenaming] = useState(false);
  const owner = document.role === 'owner';

  return (
    <li className="document-row" aria-label={document.title}>
      <div className="document-main">
        {renaming ? (
          <RenameForm
            document={document}
            onDone={(updated) => {
              setRenaming(false);
              if (updated) onChanged(updated);
            }}
          />
        ) : (
          <Link href={documentPath(document.id)} className="document-title">
            {document.title}
          </Link>
        )}
        <div className="document-meta">
          <span>{languageLabel(document.language)}</span>
          <span aria-hidden="true">·</span>
          <time dateTime={document.updatedAt}>{dateFormat.format(new Date(document.updatedAt))}</time>
        </div>
      </div>
      <RoleBadge role={document.role} />
      <div className="document-actions">
        {canWrite(document.role) && !renaming && (
          <button type="button" className="ghost" onClick={() => setRenaming(true)} aria-label={`Rename ${document.title}`}>
            Rename
          </button>
        )}
        {owner && (
          <button type="button" className="ghost" onClick={onShare} aria-label={`Share ${document.title}`}>
            Share
          </button>
        )}
        {owner && (
          <button type="button" className="ghost danger-text" onClick={onDelete} aria-label={`Delete ${document.title}`}>
            Delete
          </button>
        )}
      </div>
    </li>
  );
}
