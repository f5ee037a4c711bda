import { useCallback, useState, type FormEvent } from 'react';
import type { MemberRole } from '@codesync/protocol';
import { useSubmit } from '../ui/use-submit';

interface InviteFormProps {
  onInvite: (email: string, role: MemberRole) => Promise<void>;
}

export function InviteForm({ onInvite }: InviteFormProps) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<MemberRole>('editor');
  // The caller shows the failure (it owns the dialog's message); here only the busy state.
  const { busy, run } = useSubmit(useCallback(() => onInvite(email, role), [onInvite, email, role]));

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (await run()) setEmail('');
  }

  return (
    <form className="invite-form" onSubmit={(event) => void submit(event)} aria-label="Invite someone">
      <input
        type="email"
        aria-label="Email to invite"
        placeholder="teammate@example.com"
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        required
      />
      <select aria-label="Role for the invitee" value={role} onChange={(event) => setRole(event.target.value as MemberRole)}>
        <option value="editor">Editor</option>
        <option value="viewer">Viewer</option>
      </select>
      <button type="submit" className="primary" disabled={busy}>
        Invite
      </button>
    </form>
  );
}
