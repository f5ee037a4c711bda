import type { Role } from '@codesync/protocol';

const text: Record<Role, string> = { owner: 'Owner', editor: 'Editor', viewer: 'Viewer' };

export function RoleBadge({ role }: { role: Role }) {
  return (
    <span className={`badge badge-${role}`} title={`Your role: ${text[role]}`}>
      {text[role]}
    </span>
  );
}
