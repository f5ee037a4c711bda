import type { MemberRole } from '@codesync/protocol';
import type { TypedClient } from './typed-client';
import { call } from './call';

const project = (id: string) => ({ params: { path: { id } } });

/** Invite links (DESIGN "Projects"): the owner's routes, and accepting one. */
export function inviteMethods(client: TypedClient) {
  return {
    createInvite: async (projectId: string, role: MemberRole, expiresInHours: number) =>
      (await call(client.POST('/api/projects/{id}/invites', { ...project(projectId), body: { role, expiresInHours } }))).invite,
    listInvites: async (projectId: string) => (await call(client.GET('/api/projects/{id}/invites', project(projectId)))).invites,
    revokeInvite: (projectId: string, inviteId: string): Promise<void> =>
      call(client.DELETE('/api/projects/{id}/invites/{inviteId}', { params: { path: { id: projectId, inviteId } } })),
    /** The token goes in the body, never in a path a server would log. */
    acceptInvite: async (token: string) => (await call(client.POST('/api/invites/accept', { body: { token } }))).project,
  };
}
