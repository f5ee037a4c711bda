import type { CreatedInviteDto, InviteDto, MemberRole, ProjectDto } from '@codesync/protocol';
import type { RequestOptions } from './request-options';

type Request = <T>(method: string, path: string, opts?: RequestOptions) => Promise<T>;

const invites = (projectId: string): string => `/api/projects/${encodeURIComponent(projectId)}/invites`;

/** Invite links (DESIGN "Projects"): the owner's routes, and accepting one. */
export function inviteMethods(request: Request) {
  return {
    async createInvite(projectId: string, role: MemberRole, expiresInHours: number): Promise<CreatedInviteDto> {
      return (await request<{ invite: CreatedInviteDto }>('POST', invites(projectId), { body: { role, expiresInHours } })).invite;
    },
    async listInvites(projectId: string): Promise<InviteDto[]> {
      return (await request<{ invites: InviteDto[] }>('GET', invites(projectId))).invites;
    },
    revokeInvite: (projectId: string, inviteId: string): Promise<void> =>
      request('DELETE', `${invites(projectId)}/${encodeURIComponent(inviteId)}`),
    /** The token goes in the body, never in a path a server would log. */
    async acceptInvite(token: string): Promise<ProjectDto> {
      return (await request<{ project: ProjectDto }>('POST', '/api/invites/accept', { body: { token } })).project;
    },
  };
}
