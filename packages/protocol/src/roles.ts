// No zod here: the web app imports these values and should not ship a schema library for them.
export const roles = ['owner', 'editor', 'viewer'] as const;
export type Role = (typeof roles)[number];

/** Roles a member can be given by sharing; ownership is not transferable. */
export const memberRoles = ['editor', 'viewer'] as const;
export type MemberRole = (typeof memberRoles)[number];

export function canWrite(role: Role): boolean {
  return role === 'owner' || role === 'editor';
}

const rank: Record<Role, number> = { viewer: 1, editor: 2, owner: 3 };

/** The stronger of two roles, either of which may be missing; null when both are. */
export function higherRole(a: Role | null | undefined, b: Role | null | undefined): Role | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return rank[a] >= rank[b] ? a : b;
}
