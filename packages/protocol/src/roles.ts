import { z } from 'zod';

export const roles = ['owner', 'editor', 'viewer'] as const;
export type Role = (typeof roles)[number];
export const roleSchema = z.enum(roles);

/** Roles a member can be given by sharing; ownership is not transferable. */
export const memberRoleSchema = z.enum(['editor', 'viewer']);
export type MemberRole = z.infer<typeof memberRoleSchema>;

export function canWrite(role: Role): boolean {
  return role === 'owner' || role === 'editor';
}
