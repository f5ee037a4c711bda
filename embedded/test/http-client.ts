/** A tiny JSON client for the REST API, as a newcomer with curl would use it. */
export function apiClient(base: string) {
  async function call<T>(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T; text: string }> {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined; // text/plain routes (content, version text)
    }
    return { status: response.status, body: parsed as T, text };
  }

  async function signUp(email: string, name: string): Promise<{ token: string; userId: string }> {
    const password = 'correct horse battery';
    const registered = await call<{ user: { id: string } }>('POST', '/api/auth/register', { email, password, name });
    if (registered.status !== 201) throw new Error(`register ${registered.status}: ${registered.text}`);
    const login = await call<{ accessToken: string }>('POST', '/api/auth/login', { email, password });
    if (login.status !== 200) throw new Error(`login ${login.status}: ${login.text}`);
    return { token: login.body.accessToken, userId: registered.body.user.id };
  }

  return { call, signUp };
}
