import type { ImportResultDto, ProjectSearchResultDto, MemberDto, MemberRole, ProjectDto, ProjectEntryDto, ProjectFilesDto, SyncTokenDto } from '@codesync/protocol';
import type { RequestOptions } from './request-options';

type Request = <T>(method: string, path: string, opts?: RequestOptions) => Promise<T>;

const enc = encodeURIComponent;
const project = (id: string): string => `/api/projects/${enc(id)}`;

/** The project routes of DESIGN.md ("Projects"), on the client's authorised `request`. */
export function projectMethods(request: Request) {
  return {
    async listProjects(): Promise<ProjectDto[]> {
      return (await request<{ projects: ProjectDto[] }>('GET', '/api/projects')).projects;
    },
    async createProject(name: string): Promise<ProjectDto> {
      return (await request<{ project: ProjectDto }>('POST', '/api/projects', { body: { name } })).project;
    },
    async getProject(id: string): Promise<ProjectDto> {
      return (await request<{ project: ProjectDto }>('GET', project(id))).project;
    },
    async renameProject(id: string, name: string): Promise<ProjectDto> {
      return (await request<{ project: ProjectDto }>('PATCH', project(id), { body: { name } })).project;
    },
    deleteProject: (id: string): Promise<void> => request('DELETE', project(id)),
    listFiles: (id: string): Promise<ProjectFilesDto> => request('GET', `${project(id)}/files`),
    async createEntry(id: string, body: { path: string; kind?: 'file' | 'folder'; content?: string }): Promise<ProjectEntryDto> {
      return (await request<{ entry: ProjectEntryDto }>('POST', `${project(id)}/files`, { body })).entry;
    },
    moveEntry: (id: string, from: string, to: string): Promise<{ entries: ProjectEntryDto[] }> =>
      request('PATCH', `${project(id)}/files`, { body: { from, to } }),
    deleteEntry: (id: string, path: string): Promise<void> => request('DELETE', `${project(id)}/files?path=${enc(path)}`),
    importArchive: (id: string, zip: Blob): Promise<ImportResultDto> => request('POST', `${project(id)}/archive`, { zip }),
    async exportArchive(id: string): Promise<Blob> {
      return (await request<Response>('GET', `${project(id)}/archive`, { raw: true })).blob();
    },
    async listProjectMembers(id: string): Promise<MemberDto[]> {
      return (await request<{ members: MemberDto[] }>('GET', `${project(id)}/members`)).members;
    },
    async addProjectMember(id: string, email: string, role: MemberRole): Promise<MemberDto> {
      return (await request<{ member: MemberDto }>('POST', `${project(id)}/members`, { body: { email, role } })).member;
    },
    removeProjectMember: (id: string, userId: string): Promise<void> => request('DELETE', `${project(id)}/members/${enc(userId)}`),
    searchProject: (id: string, query: Record<string, string>): Promise<ProjectSearchResultDto> =>
      request('GET', `${project(id)}/search?${new URLSearchParams(query).toString()}`),
    projectToken: (id: string): Promise<SyncTokenDto> => request('POST', `${project(id)}/sync-token`),
  };
}
