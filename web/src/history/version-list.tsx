import type { VersionDto } from '@codesync/protocol';

interface VersionListProps {
  versions: VersionDto[] | null;
  namedOnly: boolean;
  selectedId: string | undefined;
  onSelect: (version: VersionDto) => void;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** Saved versions, newest first; named ones carry their name and a mark. */
export function VersionList({ versions, namedOnly, selectedId, onSelect }: VersionListProps) {
  const shown = namedOnly ? versions?.filter((v) => v.name !== null) : versions;
  return (
    <ul className="version-list" aria-label="Saved versions">
      {versions === null && <li className="muted">Loading…</li>}
      {versions?.length === 0 && <li className="muted">No saved versions yet. Versions are saved a few seconds after edits.</li>}
      {versions && versions.length > 0 && shown?.length === 0 && <li className="muted">No named versions yet.</li>}
      {shown?.map((version) => {
        const saved = dateFormat.format(new Date(version.createdAt));
        return (
          <li key={version.id}>
            <button
              type="button"
              className={`version${version.id === selectedId ? ' selected' : ''}${version.name ? ' named' : ''}`}
              aria-pressed={version.id === selectedId}
              onClick={() => onSelect(version)}
            >
              {/* The name is the visible text plus hidden words, so that what a sighted
                  speech user reads out is part of it (axe: label-content-name-mismatch). */}
              {version.name ? (
                <span className="version-title">
                  <span aria-hidden="true">★ </span>
                  {version.name}
                  <span className="visually-hidden">(named version)</span>
                </span>
              ) : (
                <span className="visually-hidden">Version</span>
              )}
              <span className="visually-hidden"> saved </span>
              <time dateTime={version.createdAt}>{saved}</time>
              <span className="muted">{formatSize(version.sizeBytes)}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
