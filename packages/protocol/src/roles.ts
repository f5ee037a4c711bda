// No zod here: the web app imports these values and should not ship a schema library for them.
export const roles = ['owner', 'editor', 'viewer'] as const;
export type Role = (typeof roles)[number];

/** Roles a member can be given by sharing; ownership is not transferable. */
export const memberRoles = ['editor', 'viewer'] as const;
export type MemberRole = (typeof memberRoles)[number];

export function canWrite(role: Role): boolean {
  return role === 'owner' || role === 'editor';
}
