import type { MemberRole } from '@codesync/protocol';
import type { TypedClient } from './typed-client';
import { call } from './call';
import type { paths } from './schema';

/** Find in files' query string, as the search route documents it. */
export type ProjectSearchQuery = paths['/api/projects/{id}/search']['get']['parameters']['query'];

const project = (id: string) => ({ params: { path: { id } } });

/** The project routes of DESIGN.md ("Projects"), on the client's authorised typed client. */
export function projectMethods(client: TypedClient) {
  return {
    listProjects: async () => (await call(client.GET('/api/projects'))).projects,
    createProject: async (name: string) => (await call(client.POST('/api/projects', { body: { name } }))).project,
    getProject: async (id: string) => (await call(client.GET('/api/projects/{id}', project(id)))).project,
    renameProject: async (id: string, name: string) =>
      (await call(client.PATCH('/api/projects/{id}', { ...project(id), body: { name } }))).project,
    deleteProject: (id: string): Promise<void> => call(client.DELETE('/api/projects/{id}', project(id))),
    listFiles: (id: string) => call(client.GET('/api/projects/{id}/files', project(id))),
    createEntry: async (id: string, body: { path: string; kind?: 'file' | 'folder'; content?: string }) =>
      (await call(client.POST('/api/projects/{id}/files', { ...project(id), body }))).entry,
    moveEntry: (id: string, from: string, to: string) =>
      call(client.PATCH('/api/projects/{id}/files', { ...project(id), body: { from, to } })),
    deleteEntry: (id: string, path: string): Promise<void> =>
      call(client.DELETE('/api/projects/{id}/files', { params: { path: { id }, query: { path } } })),
    importArchive: (id: string, zip: Blob) =>
      call(
        client.POST('/api/projects/{id}/archive', {
          ...project(id),
          body: zip,
          bodySerializer: (body: Blob) => body,
          headers: { 'content-type': 'application/zip' },
        }),
      ),
    exportArchive: (id: string) => call(client.GET('/api/projects/{id}/archive', { ...project(id), parseAs: 'blob' })),
    listProjectMembers: async (id: string) => (await call(client.GET('/api/projects/{id}/members', project(id)))).members,
    addProjectMember: async (id: string, email: string, role: MemberRole) =>
      (await call(client.POST('/api/projects/{id}/members', { ...project(id), body: { email, role } }))).member,
    removeProjectMember: (id: string, userId: string): Promise<void> =>
      call(client.DELETE('/api/projects/{id}/members/{userId}', { params: { path: { id, userId } } })),
    searchProject: (id: string, query: ProjectSearchQuery) =>
      call(client.GET('/api/projects/{id}/search', { params: { path: { id }, query } })),
    projectToken: (id: string) => call(client.POST('/api/projects/{id}/sync-token', project(id))),
  };
}
