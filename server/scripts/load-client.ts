// The few REST calls the load scripts need (seeding before autocannon runs).
import { randomBytes } from 'node:crypto';

export const base = process.env.BASE_URL ?? 'http://127.0.0.1:3000';

export async function post<T>(path: string, body: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Registers and logs in a fresh user; returns its access token. */
export async function signUp(): Promise<string> {
  const email = `load-${randomBytes(4).toString('hex')}@example.test`;
  const password = 'load test password';
  await post('/api/auth/register', { email, password, name: 'Load' });
  return (await post<{ accessToken: string }>('/api/auth/login', { email, password })).accessToken;
}
