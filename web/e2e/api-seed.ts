// Sets up what a browser test or measurement starts from through the API, not the UI.

/** POSTs JSON (with the access token when given) and returns the JSON answer; fails loudly otherwise. */
export async function postJson<T>(baseUrl: string, route: string, body: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(baseUrl + route, { method: 'POST', headers, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
