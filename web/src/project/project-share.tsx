import { useCallback, useState } from 'react';
import type { MemberDto, MemberRole } from '@codesync/protocol';
import { api } from '../app/services';
import { InviteForm } from '../share/invite-form';
import { FormError } from '../ui/form-error';
import { useSubmit } from '../ui/use-submit';

/** The owner shares the project by email; a member has that role on every file. */
export function ProjectShare({ projectId }: { projectId: string }) {
  const [added, setAdded] = useState<MemberDto | null>(null);
  const invite = useSubmit(
    useCallback(async (email: string, role: MemberRole) => setAdded(await api.addProjectMember(projectId, email, role)), [projectId]),
  );
  return (
    <details className="project-share">
      <summary>Share project</summary>
      <InviteForm
        onInvite={async (email, role) => {
          await invite.run(email, role);
        }}
      />
      <FormError error={invite.error} />
      {added && <p role="status">{`${added.name} is now ${added.role === 'editor' ? 'an editor' : 'a viewer'}.`}</p>}
    </details>
  );
}
