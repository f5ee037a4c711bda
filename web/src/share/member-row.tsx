import type { MemberDto, MemberRole } from '@codesync/protocol';
import { RoleBadge } from '../ui/role-badge';

interface MemberRowProps {
  member: MemberDto;
  onChangeRole: (member: MemberDto, role: MemberRole) => Promise<void>;
  onRemove: (member: MemberDto) => Promise<void>;
}

export function MemberRow({ member, onChangeRole, onRemove }: MemberRowProps) {
  return (
    <li className="member-row" aria-label={member.name}>
      <div className="member-who">
        <span className="member-name">{member.name}</span>
        <span className="muted">{member.email}</span>
      </div>
      {member.role === 'owner' ? (
        <RoleBadge role="owner" />
      ) : (
        <>
          <select
            aria-label={`Role of ${member.name}`}
            value={member.role}
            onChange={(event) => void onChangeRole(member, event.target.value as MemberRole)}
          >
            <option value="editor">Editor</option>
            <option value="viewer">Viewer</option>
          </select>
          <button type="button" className="ghost danger-text" onClick={() => void onRemove(member)} aria-label={`Remove ${member.name}`}>
            Remove
          </button>
        </>
      )}
    </li>
  );
}
