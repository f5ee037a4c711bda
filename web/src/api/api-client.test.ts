import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from './api-client';
import { ApiError } from './api-error';
import { createSessionStore } from './session-store';
import { json, memoryStorage, tokens } from './test-fakes';

type Handler = (url: string, request: Request) => Response | Promise<Response>;

function setup(handler: Handler, session = tokens(1)) {
  const store = createSessionStore(memoryStorage(), new EventTarget());
  store.set(session);
  const calls: { url: string; auth: string | undefined; body: string | undefined; cookie: string | undefined }[] = [];
  const fetch = vi.fn(async (request: Request) => {
    const { pathname, search } = new URL(request.url);
    const url = pathname + search;
    const body = request.body ? await request.clone().text() : undefined;
    calls.push({ url, auth: request.headers.get('authorization') ?? undefined, body, cookie: request.headers.get('x-refresh-cookie') ?? undefined });
    return handler(url, request);
  });
  return { api: createApiClient({ store, fetch }), store, calls };
}

describe('api client', () => {
  it('sends the access token and unwraps the documents list', async () => {
    const { api, calls } = setup(() => json(200, { documents: [{ id: 'd1', title: 'a.ts' }] }));

    const documents = await api.listDocuments();

    expect(documents).toEqual([{ id: 'd1', title: 'a.ts' }]);
    expect(calls[0]).toMatchObject({ url: '/api/documents', auth: 'Bearer access-1' });
  });

  it('turns the error body into an ApiError with code and message', async () => {
    const { api } = setup(() => json(409, { error: { code: 'email_taken', message: 'That email is registered' } }));

    const error = await api.register({ email: 'a@b.co', password: 'longenough', name: 'A' }).catch((e) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'email_taken', message: 'That email is registered' });
  });

  it('refreshes once on 401 and retries the request with the new token', async () => {
    const { api, calls, store } = setup((url, request) => {
      if (url === '/api/auth/refresh') return json(200, tokens(2));
      const auth = request.headers.get('authorization');
      return auth === 'Bearer access-2' ? json(200, { user: { id: 'u1' } }) : json(401, { error: { code: 'unauthorized', message: 'expired' } });
    });

    await expect(api.me()).resolves.toEqual({ id: 'u1' });

    expect(calls.map((c) => c.url)).toEqual(['/api/users/me', '/api/auth/refresh', '/api/users/me']);
    expect(calls.map((c) => c.cookie)).toEqual([undefined, '1', undefined]);
    expect(JSON.parse(calls[1]?.body ?? '{}')).toEqual({}); // the refresh token is the HttpOnly cookie
    expect(store.get()?.accessToken).toBe('access-2');
  });

  it('refreshes before the request when the access token is about to expire', async () => {
    const { api, calls } = setup(
      (url) => (url === '/api/auth/refresh' ? json(200, tokens(2)) : json(200, { documents: [] })),
      tokens(1, 1_000),
    );

    await api.listDocuments();

    expect(calls.map((c) => [c.url, c.auth])).toEqual([
      ['/api/auth/refresh', undefined],
      ['/api/documents', 'Bearer access-2'],
    ]);
  });

  it('signs out with session_expired when the refresh token is revoked', async () => {
    const unauthorized = () => json(401, { error: { code: 'unauthorized', message: 'revoked' } });
    const { api, store } = setup(unauthorized);

    await expect(api.syncToken('d1')).rejects.toMatchObject({ status: 401, code: 'session_expired' });
    expect(store.get()).toBeNull();
  });

  it('reports a failed fetch as a network error and keeps the session', async () => {
    const { api, store } = setup(() => {
      throw new TypeError('Failed to fetch');
    });

    await expect(api.listDocuments()).rejects.toMatchObject({ status: 0, code: 'network_error' });
    expect(store.get()?.accessToken).toBe('access-1');
  });

  it('names a version with PATCH {name} and unwraps the version', async () => {
    const version = { id: '1796056109466-dfd3db91', sizeBytes: 25, createdAt: '2026-11-30T16:28:29.466Z', name: 'v1' };
    const { api, calls } = setup((_url, request) => (request.method === 'PATCH' ? json(200, { version }) : json(405, {})));

    expect(await api.nameVersion('d1', version.id, 'v1')).toEqual(version);
    expect(calls[0]).toMatchObject({ url: `/api/documents/d1/versions/${version.id}`, body: '{"name":"v1"}' });
    await api.nameVersion('d1', version.id, null);
    expect(calls[1]?.body).toBe('{"name":null}');
  });

  it('reads version text as plain text', async () => {
    const { api, calls } = setup(() => new Response('const a = 1;\n', { status: 200 }));

    await expect(api.getVersion('d 1', 'v1')).resolves.toBe('const a = 1;\n');
    expect(calls[0]?.url).toBe('/api/documents/d%201/versions/v1');
  });
});

describe('api client: version text', () => {
  it('accepts the version wrapped as JSON {version, text}', async () => {
    const { api } = setup(() => json(200, { version: { id: 'v1' }, text: '{"a": 1}\n' }));

    await expect(api.getVersion('d1', 'v1')).resolves.toBe('{"a": 1}\n');
  });
});

describe('api client: projects', () => {
  it('sends an archive as application/zip and reads the download as bytes', async () => {
    const types: (string | null)[] = [];
    const { api, calls } = setup((_url, request) => {
      types.push(request.headers.get('content-type'));
      if (request.method === 'POST') return json(201, { created: 1, updated: 0, entries: [], skipped: [] });
      return new Response(new Uint8Array([80, 75, 5, 6]), { status: 200, headers: { 'content-type': 'application/zip' } });
    });

    await api.importArchive('p1', new Blob(['PK\u0003\u0004'], { type: 'application/zip' }));
    const download = await api.exportArchive('p1');

    expect(calls.map((c) => c.url)).toEqual(['/api/projects/p1/archive', '/api/projects/p1/archive']);
    expect(types[0]).toBe('application/zip');
    expect(calls[0]?.body).toBe('PK\u0003\u0004');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(new Uint8Array([80, 75, 5, 6]));
  });

  it('deletes an entry named by its path in the query', async () => {
    const { api, calls } = setup(() => new Response(null, { status: 204 }));

    await api.deleteEntry('p1', 'src/a b.ts');

    expect(calls[0]?.url).toBe('/api/projects/p1/files?path=src%2Fa%20b.ts');
  });
});
