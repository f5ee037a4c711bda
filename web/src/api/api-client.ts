import type { AddMemberBody, CreateDocumentBody, LoginBody, MemberRole, PatchDocumentBody, RegisterBody } from '@codesync/protocol';
import createClient from 'openapi-fetch';
import { ApiError, ClientErrorCode } from './api-error';
import { accountMethods } from './account-api';
import { askForRefreshCookie, createAuthorisedFetch, reachable, type Fetch } from './authorised-fetch';
import { call } from './call';
import { inviteMethods } from './invite-api';
import { projectMethods } from './project-api';
import type { paths } from './schema';
import type { Session, SessionStore } from './session-store';
import type { CrossTabLock } from './token-refresher';

export interface ApiClientOptions {
  store: SessionStore;
  fetch?: Fetch;
  baseUrl?: string;
  lock?: CrossTabLock;
  now?: () => number;
}

export type { TypedClient } from './typed-client';

/** A version's text; an older server sent it as text/plain rather than `{version, text}`. */
function versionText(response: Response, body: string): string {
  if (!(response.headers.get('content-type') ?? '').includes('application/json')) return body;
  const parsed = JSON.parse(body) as { text?: unknown };
  if (typeof parsed.text !== 'string') throw new ApiError(response.status, ClientErrorCode.badResponse, 'Unexpected version body');
  return parsed.text;
}

export type ApiClient = ReturnType<typeof createApiClient>;

/**
 * The web app's API calls, each typed by web/src/api/schema.d.ts (generated from
 * the server's routes), so a changed route breaks `pnpm typecheck` here.
 */
export function createApiClient(options: ApiClientOptions) {
  const { store, baseUrl = '' } = options;
  const send = reachable(askForRefreshCookie(options.fetch ?? ((request) => fetch(request))));
  const open = createClient<paths>({ baseUrl, fetch: send });
  const authorised = createAuthorisedFetch({
    store,
    send,
    lock: options.lock,
    now: options.now,
    refresh: () => call(open.POST('/api/auth/refresh', { body: {} })),
  });
  const client = createClient<paths>({ baseUrl, fetch: authorised });
  const doc = (id: string) => ({ params: { path: { id } } });
  const versionPath = (id: string, versionId: string) => ({ params: { path: { id, versionId } } });

  return {
    async register(body: RegisterBody) {
      return (await call(open.POST('/api/auth/register', { body }))).user;
    },
    async login(body: LoginBody): Promise<Session> {
      const session = await call(open.POST('/api/auth/login', { body }));
      store.set(session);
      return session;
    },
    async logout(): Promise<void> {
      try {
        await call(client.POST('/api/auth/logout'));
      } finally {
        store.set(null);
      }
    },
    me: async () => (await call(client.GET('/api/users/me'))).user,
    listDocuments: async () => (await call(client.GET('/api/documents'))).documents,
    createDocument: async (body: CreateDocumentBody) => (await call(client.POST('/api/documents', { body }))).document,
    getDocument: async (id: string) => (await call(client.GET('/api/documents/{id}', doc(id)))).document,
    updateDocument: async (id: string, body: PatchDocumentBody) =>
      (await call(client.PATCH('/api/documents/{id}', { ...doc(id), body }))).document,
    deleteDocument: (id: string): Promise<void> => call(client.DELETE('/api/documents/{id}', doc(id))),
    getContent: (id: string) => call(client.GET('/api/documents/{id}/content', { ...doc(id), parseAs: 'text' })),
    listMembers: async (id: string) => (await call(client.GET('/api/documents/{id}/members', doc(id)))).members,
    addMember: async (id: string, body: AddMemberBody) =>
      (await call(client.POST('/api/documents/{id}/members', { ...doc(id), body }))).member,
    changeMember: async (id: string, userId: string, role: MemberRole) =>
      (await call(client.PATCH('/api/documents/{id}/members/{userId}', { params: { path: { id, userId } }, body: { role } }))).member,
    removeMember: (id: string, userId: string): Promise<void> =>
      call(client.DELETE('/api/documents/{id}/members/{userId}', { params: { path: { id, userId } } })),
    listVersions: async (id: string) => (await call(client.GET('/api/documents/{id}/versions', doc(id)))).versions,
    async getVersion(id: string, versionId: string): Promise<string> {
      const answer = client.GET('/api/documents/{id}/versions/{versionId}', { ...versionPath(id, versionId), parseAs: 'text' });
      const { response } = await answer;
      return versionText(response, await call(answer));
    },
    /** Names a version (`null` clears the name); named versions are never thinned. */
    nameVersion: async (id: string, versionId: string, name: string | null) =>
      (await call(client.PATCH('/api/documents/{id}/versions/{versionId}', { ...versionPath(id, versionId), body: { name } }))).version,
    restoreVersion: (id: string, versionId: string) =>
      call(client.POST('/api/documents/{id}/versions/{versionId}/restore', versionPath(id, versionId))),
    syncToken: (id: string) => call(client.POST('/api/documents/{id}/sync-token', doc(id))),
    /** Who wrote each line; the body is judged by web/src/editor/attribution.ts. */
    getAttribution: (id: string): Promise<unknown> => call(client.GET('/api/documents/{id}/attribution', doc(id))),
    ...projectMethods(client),
    ...accountMethods(client, open),
    ...inviteMethods(client),
  };
}
