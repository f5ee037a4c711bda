import type {
  AddMemberBody,
  VersionContentDto,
  AuthTokensDto,
  CreateDocumentBody,
  DocumentDto,
  LoginBody,
  MemberDto,
  MemberRole,
  PatchDocumentBody,
  RegisterBody,
  SyncTokenDto,
  UserDto,
  VersionDto,
} from '@codesync/protocol';
import { ApiError, ClientErrorCode, errorFromResponse, networkError } from './api-error';
import { inviteMethods } from './invite-api';
import { projectMethods } from './project-api';
import type { RequestOptions } from './request-options';
import type { Session, SessionStore } from './session-store';
import { createTokenRefresher, type CrossTabLock } from './token-refresher';

export interface ApiClientOptions {
  store: SessionStore;
  fetch?: typeof fetch;
  baseUrl?: string;
  lock?: CrossTabLock;
  now?: () => number;
}


/** Refresh this long before the access token expires, so a request never races its expiry. */
const EXPIRY_MARGIN_MS = 15_000;

const enc = encodeURIComponent;

async function versionText(response: Response): Promise<string> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('application/json')) return response.text();
  const body = (await response.json()) as Partial<VersionContentDto>;
  if (typeof body.text !== 'string') throw new ApiError(response.status, ClientErrorCode.badResponse, 'Unexpected version body');
  return body.text;
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** Typed client of the REST API in DESIGN.md; refreshes the access token when it must. */
export function createApiClient(options: ApiClientOptions) {
  const { store, baseUrl = '', now = Date.now } = options;
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  async function send(method: string, path: string, opts: RequestOptions, token?: string): Promise<Response> {
    const headers: Record<string, string> = { accept: opts.text ? 'text/plain' : 'application/json' };
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const init: RequestInit = { method, headers };
    if (opts.body !== undefined) init.body = JSON.stringify(opts.body);
    if (opts.zip) {
      headers['content-type'] = 'application/zip';
      init.body = opts.zip;
    }
    try {
      return await doFetch(baseUrl + path, init);
    } catch (cause) {
      throw networkError(cause);
    }
  }

  const refresher = createTokenRefresher({
    store,
    lock: options.lock,
    refresh: async (refreshToken) => {
      const response = await send('POST', '/api/auth/refresh', { body: { refreshToken } });
      if (!response.ok) throw await errorFromResponse(response);
      return (await response.json()) as AuthTokensDto;
    },
  });

  const expired = (): ApiError =>
    new ApiError(401, ClientErrorCode.sessionExpired, 'Your session has ended. Please sign in again.');

  async function freshSession(): Promise<Session> {
    const session = store.get();
    if (!session) throw expired();
    const expiresAt = Date.parse(session.accessTokenExpiresAt);
    if (Number.isFinite(expiresAt) && expiresAt - now() > EXPIRY_MARGIN_MS) return session;
    const renewed = await refresher(session.accessToken);
    if (!renewed) throw expired();
    return renewed;
  }

  async function authorised(method: string, path: string, opts: RequestOptions): Promise<Response> {
    const session = await freshSession();
    const response = await send(method, path, opts, session.accessToken);
    if (response.status !== 401) return response;
    // The server may know better than the clock (revoked session, skewed time): refresh once.
    const renewed = await refresher(session.accessToken);
    if (!renewed) throw expired();
    return send(method, path, opts, renewed.accessToken);
  }

  async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const response = opts.auth === false ? await send(method, path, opts) : await authorised(method, path, opts);
    if (!response.ok) throw await errorFromResponse(response);
    if (opts.raw) return response as T;
    if (opts.text) return (await response.text()) as T;
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  const doc = (id: string): string => `/api/documents/${enc(id)}`;

  return {
    async register(body: RegisterBody): Promise<UserDto> {
      return (await request<{ user: UserDto }>('POST', '/api/auth/register', { body, auth: false })).user;
    },
    async login(body: LoginBody): Promise<Session> {
      const session = await request<AuthTokensDto>('POST', '/api/auth/login', { body, auth: false });
      store.set(session);
      return session;
    },
    async logout(): Promise<void> {
      try {
        await request<void>('POST', '/api/auth/logout');
      } finally {
        store.set(null);
      }
    },
    async me(): Promise<UserDto> {
      return (await request<{ user: UserDto }>('GET', '/api/users/me')).user;
    },
    async listDocuments(): Promise<DocumentDto[]> {
      return (await request<{ documents: DocumentDto[] }>('GET', '/api/documents')).documents;
    },
    async createDocument(body: CreateDocumentBody): Promise<DocumentDto> {
      return (await request<{ document: DocumentDto }>('POST', '/api/documents', { body })).document;
    },
    async getDocument(id: string): Promise<DocumentDto> {
      return (await request<{ document: DocumentDto }>('GET', doc(id))).document;
    },
    async updateDocument(id: string, body: PatchDocumentBody): Promise<DocumentDto> {
      return (await request<{ document: DocumentDto }>('PATCH', doc(id), { body })).document;
    },
    deleteDocument: (id: string): Promise<void> => request('DELETE', doc(id)),
    getContent: (id: string): Promise<string> => request('GET', `${doc(id)}/content`, { text: true }),
    async listMembers(id: string): Promise<MemberDto[]> {
      return (await request<{ members: MemberDto[] }>('GET', `${doc(id)}/members`)).members;
    },
    async addMember(id: string, body: AddMemberBody): Promise<MemberDto> {
      return (await request<{ member: MemberDto }>('POST', `${doc(id)}/members`, { body })).member;
    },
    async changeMember(id: string, userId: string, role: MemberRole): Promise<MemberDto> {
      const path = `${doc(id)}/members/${enc(userId)}`;
      return (await request<{ member: MemberDto }>('PATCH', path, { body: { role } })).member;
    },
    removeMember: (id: string, userId: string): Promise<void> =>
      request('DELETE', `${doc(id)}/members/${enc(userId)}`),
    async listVersions(id: string): Promise<VersionDto[]> {
      return (await request<{ versions: VersionDto[] }>('GET', `${doc(id)}/versions`)).versions;
    },
    /** A version's text; DESIGN.md says text, the server may wrap it as `{version, text}`. */
    async getVersion(id: string, versionId: string): Promise<string> {
      const path = `${doc(id)}/versions/${enc(versionId)}`;
      return versionText(await request<Response>('GET', path, { raw: true }));
    },
    /** Names a version (`null` clears the name); named versions are never thinned. */
    async nameVersion(id: string, versionId: string, name: string | null): Promise<VersionDto> {
      const path = `${doc(id)}/versions/${enc(versionId)}`;
      return (await request<{ version: VersionDto }>('PATCH', path, { body: { name } })).version;
    },
    restoreVersion: (id: string, versionId: string): Promise<unknown> =>
      request('POST', `${doc(id)}/versions/${enc(versionId)}/restore`),
    syncToken: (id: string): Promise<SyncTokenDto> => request('POST', `${doc(id)}/sync-token`),
    /** Who wrote each line; the body is read by web/src/editor/attribution.ts. */
    getAttribution: (id: string): Promise<unknown> => request('GET', `${doc(id)}/attribution`),
    ...projectMethods(request),
    ...inviteMethods(request),
  };
}
