import type { VersionDto } from '@codesync/protocol';
import './compare-select.css';
import type { CompareWith } from './use-compare-text';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

const valueOf = (compare: CompareWith) => (compare.kind === 'version' ? `version:${compare.versionId}` : compare.kind);

function parse(value: string): CompareWith {
  if (value.startsWith('version:')) return { kind: 'version', versionId: value.slice('version:'.length) };
  return value === 'none' ? { kind: 'none' } : { kind: 'current' };
}

/** The other side of the diff: the current text (default), another version, or none (the text alone). */
export function CompareSelect({ versions, selectedId, value, onChange }: {
  versions: VersionDto[];
  selectedId: string;
  value: CompareWith;
  onChange: (compare: CompareWith) => void;
}) {
  return (
    <label className="compare-select">
      Compare with
      <select value={valueOf(value)} onChange={(event) => onChange(parse(event.target.value))}>
        <option value="current">Current text</option>
        {versions
          .filter((v) => v.id !== selectedId)
          .map((v) => (
            <option key={v.id} value={`version:${v.id}`}>
              {v.name ? `★ ${v.name} (${dateFormat.format(new Date(v.createdAt))})` : dateFormat.format(new Date(v.createdAt))}
            </option>
          ))}
        <option value="none">Nothing (show this version’s text)</option>
      </select>
    </label>
  );
}

/** How the right-hand side is named to screen readers. */
export const compareLabel = (compare: CompareWith) => (compare.kind === 'current' ? 'the current text' : 'the other version');
