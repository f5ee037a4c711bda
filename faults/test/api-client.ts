import { randomBytes } from 'node:crypto';
import type { MemberRole } from '@codesync/protocol';

export interface ApiResponse<T> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

export interface Account {
  userId: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

/** A JSON client of the REST API over real HTTP, with the few steps every fault test needs. */
export function apiClient(base: string) {
  async function call<T = { error?: { code: string; message: string } }>(
    method: string,
    path: string,
    options: { json?: unknown; token?: string; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.json !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const response = await fetch(`${base}${path}`, {
      method,
      headers,
      body: options.json === undefined ? undefined : JSON.stringify(options.json),
    });
    const text = await response.text();
    const isJson = response.headers.get('content-type')?.includes('application/json') ?? false;
    return { status: response.status, headers: response.headers, text, body: (isJson ? JSON.parse(text) : text) as T };
  }

  async function expectStatus<T>(response: ApiResponse<T>, status: number, what: string): Promise<T> {
    if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status} ${response.text}`);
    return response.body;
  }

  async function login(email: string, password: string): Promise<Omit<Account, 'email' | 'password'>> {
    const body = await expectStatus(
      await call<{ accessToken: string; refreshToken: string; user: { id: string } }>('POST', '/api/auth/login', { json: { email, password } }),
      200,
      'login',
    );
    return { userId: body.user.id, accessToken: body.accessToken, refreshToken: body.refreshToken };
  }

  return {
    call,
    login,
    async signUp(name = 'Fault Tester'): Promise<Account> {
      const email = `faults-${randomBytes(6).toString('hex')}@example.test`;
      const password = `pw-${randomBytes(9).toString('hex')}`;
      await expectStatus(await call('POST', '/api/auth/register', { json: { email, password, name } }), 201, 'register');
      return { email, password, ...(await login(email, password)) };
    },
    async createDocument(owner: Account, content = ''): Promise<string> {
      const response = await call<{ document: { id: string } }>('POST', '/api/documents', {
        token: owner.accessToken,
        json: { title: 'faults.ts', language: 'typescript', content },
      });
      return (await expectStatus(response, 201, 'create document')).document.id;
    },
    async share(owner: Account, documentId: string, member: Account, role: MemberRole): Promise<void> {
      const response = await call('POST', `/api/documents/${documentId}/members`, {
        token: owner.accessToken,
        json: { email: member.email, role },
      });
      if (response.status !== 201 && response.status !== 200) throw new Error(`share: ${response.status} ${response.text}`);
    },
    async removeMember(owner: Account, documentId: string, member: Account): Promise<void> {
      const response = await call('DELETE', `/api/documents/${documentId}/members/${member.userId}`, { token: owner.accessToken });
      await expectStatus(response, 204, 'remove member');
    },
    async syncToken(account: Account, documentId: string): Promise<string> {
      const response = await call<{ token: string }>('POST', `/api/documents/${documentId}/sync-token`, { token: account.accessToken });
      return (await expectStatus(response, 200, 'sync token')).token;
    },
  };
}

export type ApiClient = ReturnType<typeof apiClient>;
