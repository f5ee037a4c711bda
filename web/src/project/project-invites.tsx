import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { DEFAULT_INVITE_HOURS, type CreatedInviteDto, type InviteDto, type MemberRole } from '@codesync/protocol';
import { api } from '../app/services';
import { FormError } from '../ui/form-error';
import { useSubmit } from '../ui/use-submit';
import './project-invites.css';

const LIFETIMES = [
  { hours: 24, label: '1 day' },
  { hours: DEFAULT_INVITE_HOURS, label: '7 days' },
  { hours: 30 * 24, label: '30 days' },
];

const roleName = (role: MemberRole) => (role === 'editor' ? 'Editor' : 'Viewer');
const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The owner makes invite links (role, expiry), sees the ones that still work and revokes any. */
export function ProjectInvites({ projectId }: { projectId: string }) {
  const [role, setRole] = useState<MemberRole>('editor');
  const [hours, setHours] = useState(DEFAULT_INVITE_HOURS);
  const [links, setLinks] = useState<InviteDto[]>([]);
  const [created, setCreated] = useState<CreatedInviteDto | null>(null);
  const load = useSubmit(useCallback(async () => setLinks(await api.listInvites(projectId)), [projectId]));
  const { run: reload } = load;
  const create = useSubmit(
    useCallback(async () => {
      setCreated(await api.createInvite(projectId, role, hours));
      await reload();
    }, [projectId, role, hours, reload]),
  );
  const revoke = useSubmit(
    useCallback(
      async (id: string) => {
        await api.revokeInvite(projectId, id);
        setCreated((shown) => (shown?.id === id ? null : shown));
        await reload();
      },
      [projectId, reload],
    ),
  );
  useEffect(() => void reload(), [reload]);

  function submit(event: FormEvent): void {
    event.preventDefault();
    void create.run();
  }

  return (
    <details className="project-invites">
      <summary>Invite links</summary>
      <form className="invite-form" onSubmit={submit} aria-label="Create an invite link">
        <select aria-label="Role for people who open the link" value={role} onChange={(e) => setRole(e.target.value as MemberRole)}>
          <option value="editor">Editor</option>
          <option value="viewer">Viewer</option>
        </select>
        <select aria-label="Link expires after" value={hours} onChange={(e) => setHours(Number(e.target.value))}>
          {LIFETIMES.map((l) => (
            <option key={l.hours} value={l.hours}>
              {l.label}
            </option>
          ))}
        </select>
        <button type="submit" className="primary" disabled={create.busy}>
          Create link
        </button>
      </form>
      {created && (
        <div className="invite-created" role="status">
          <label>
            New link (shown once: copy it now)
            <input readOnly value={created.url} onFocus={(e) => e.currentTarget.select()} />
          </label>
          <button type="button" onClick={() => void navigator.clipboard?.writeText(created.url)}>
            Copy
          </button>
        </div>
      )}
      <FormError error={create.error ?? load.error ?? revoke.error} />
      <ul className="invite-list" aria-label="Active invite links">
        {links.map((link) => (
          <li key={link.id} aria-label={`${roleName(link.role)} link`}>
            <span>
              {roleName(link.role)} · expires {when(link.expiresAt)} · used {link.useCount} {link.useCount === 1 ? 'time' : 'times'}
            </span>
            <button type="button" className="ghost" aria-label={`Revoke ${roleName(link.role).toLowerCase()} link created ${when(link.createdAt)}`} onClick={() => void revoke.run(link.id)}>
              Revoke
            </button>
          </li>
        ))}
        {links.length === 0 && <li className="empty">No active links.</li>}
      </ul>
    </details>
  );
}
