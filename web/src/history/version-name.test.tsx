import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VersionDto } from '@codesync/protocol';
import { VersionList } from './version-list';
import { VersionName } from './version-name';

afterEach(cleanup);

const version = (id: string, name: string | null): VersionDto => ({
  id,
  name,
  sizeBytes: 120,
  createdAt: '2026-11-30T10:00:00.000Z',
});

describe('VersionName', () => {
  it('lets an editor name a version from the keyboard: a labelled field, Enter saves the trimmed name', async () => {
    const onSave = vi.fn(async () => true);
    render(<VersionName version={version('v1', null)} canEdit onSave={onSave} />);
    fireEvent.click(screen.getByRole('button', { name: 'Name this version' }));
    const field = screen.getByLabelText('Version name');
    expect(document.activeElement).toBe(field);
    fireEvent.change(field, { target: { value: '  Before the refactor ' } });
    fireEvent.submit(field.closest('form')!);
    await vi.waitFor(() => expect(onSave).toHaveBeenCalledWith('Before the refactor'));
    await vi.waitFor(() => expect(screen.queryByLabelText('Version name')).toBeNull());
  });

  it('clears a name when the field is emptied, and keeps the form open when the server refuses', async () => {
    const onSave = vi.fn(async () => false);
    render(<VersionName version={version('v1', 'old')} canEdit onSave={onSave} />);
    expect(screen.getByText('old')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Rename version' }));
    fireEvent.change(screen.getByLabelText('Version name'), { target: { value: '   ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save name' }));
    await vi.waitFor(() => expect(onSave).toHaveBeenCalledWith(null));
    expect(screen.getByLabelText('Version name')).toBeTruthy();
  });

  it('leaves the form on Escape without saving, and offers viewers no naming at all', () => {
    const onSave = vi.fn(async () => true);
    const { rerender } = render(<VersionName version={version('v1', null)} canEdit onSave={onSave} />);
    fireEvent.click(screen.getByRole('button', { name: 'Name this version' }));
    fireEvent.keyDown(screen.getByLabelText('Version name'), { key: 'Escape' });
    expect(screen.queryByLabelText('Version name')).toBeNull();
    expect(onSave).not.toHaveBeenCalled();
    rerender(<VersionName version={version('v1', 'shown to viewers')} canEdit={false} onSave={onSave} />);
    expect(screen.getByText('shown to viewers')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });
});

describe('VersionList', () => {
  const versions = [version('v3', null), version('v2', 'Release 1.0'), version('v1', null)];

  it('shows names on named versions and filters to named ones only', () => {
    const { rerender } = render(<VersionList versions={versions} namedOnly={false} selectedId={undefined} onSelect={() => {}} />);
    expect(screen.getAllByRole('button')).toHaveLength(3);
    expect(screen.getByRole('button', { name: /^Release 1\.0 \(named version\) saved/ })).toBeTruthy();
    rerender(<VersionList versions={versions} namedOnly selectedId={undefined} onSelect={() => {}} />);
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual([expect.stringContaining('Release 1.0')]);
    rerender(<VersionList versions={[version('v1', null)]} namedOnly selectedId={undefined} onSelect={() => {}} />);
    expect(screen.getByText('No named versions yet.')).toBeTruthy();
  });
});
