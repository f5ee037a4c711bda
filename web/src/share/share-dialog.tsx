import { useCallback, useEffect, useState } from 'react';
import type { DocumentDto, MemberDto, MemberRole } from '@codesync/protocol';
import { api } from '../app/services';
import { errorMessage } from '../app/error-message';
import { Modal } from '../ui/modal';
import { InviteForm } from './invite-form';
import { MemberRow } from './member-row';

interface ShareDialogProps {
  document: Pick<DocumentDto, 'id' | 'title'>;
  onClose: () => void;
}

/** Who has access, invite by email, change a role, remove someone. Owners only. */
export function ShareDialog({ document, onClose }: ShareDialogProps) {
  const [members, setMembers] = useState<MemberDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = useCallback(async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      setMembers(await api.listMembers(document.id));
    } catch (cause) {
      setError(errorMessage(cause));
    }
  }, [document.id]);

  useEffect(() => {
    void run(async () => undefined);
  }, [run]);

  const change = (member: MemberDto, role: MemberRole): Promise<void> =>
    run(() => api.changeMember(document.id, member.userId, role));
  const remove = (member: MemberDto): Promise<void> => run(() => api.removeMember(document.id, member.userId));

  return (
    <Modal title={`Share “${document.title}”`} onClose={onClose}>
      <InviteForm onInvite={(email, role) => run(() => api.addMember(document.id, { email, role }))} />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {members === null && !error && <p className="muted">Loading…</p>}
      {members && (
        <ul className="member-list" aria-label="People with access">
          {members.map((member) => (
            <MemberRow key={member.userId} member={member} onChangeRole={change} onRemove={remove} />
          ))}
        </ul>
      )}
    </Modal>
  );
}
