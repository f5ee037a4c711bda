import { describe, expect, it } from 'vitest';
import type { HarnessFactory } from './platform.contract.js';

const login = (email: string, password = 'not the password') => ({ json: { email, password } });

/** Issue 16, finding 2: whose address a limit counts, and which requests share a bucket. */
export function describeClientLimitsContract(another: HarnessFactory): void {
  describe('client address and sign-in limits', () => {
    // Finding 2: behind CloudFront → ALB the last X-Forwarded-For entry is the CloudFront edge,
    // so everyone one edge served shared a bucket and one attacker could lock a region out of sign-in.
    it('counts the viewer behind CloudFront and the ALB (TRUST_PROXY=2), not the edge, and ignores forged entries', async () => {
      const tag = `${Date.now()}-${Math.random()}`;
      const h = await another({ env: { TRUST_PROXY: '2' }, rateLimits: { login: { bucket: `login-xff-${tag}`, limit: 2, windowMs: 60_000 } } });
      try {
        const edge = '130.176.0.1';
        const via = (forwarded: string) => ({ 'x-forwarded-for': forwarded });
        const attempt = (i: number, forwarded: string) =>
          h.request('POST', '/api/auth/login', { ...login(`xff${i}-${tag}@example.test`), headers: via(forwarded) });
        expect((await attempt(1, `203.0.113.7, ${edge}`)).status).toBe(401);
        // A forged leftmost entry does not make the attacker someone else.
        expect((await attempt(2, `198.51.100.1, 203.0.113.7, ${edge}`)).status).toBe(401);
        const limited = await attempt(3, `203.0.113.7, ${edge}`);
        expect(limited.status).toBe(429);
        // Another viewer served by the same edge still signs in.
        expect((await attempt(4, `192.0.2.55, ${edge}`)).status).toBe(401);
      } finally {
        await h.close();
      }
    });

    // Finding 2: register, login and refresh shared one bucket, so a burst of one blocked the others.
    it('keeps login, register and refresh in separate buckets', async () => {
      const tag = `${Date.now()}-${Math.random()}`;
      const h = await another({ rateLimits: { login: { bucket: `login-sep-${tag}`, limit: 1, windowMs: 60_000 } } });
      try {
        const ada = await h.signUp();
        expect((await h.request('POST', '/api/auth/login', login(`x-${tag}@example.test`))).status).toBe(429);
        const refreshed = await h.request('POST', '/api/auth/refresh', { json: { refreshToken: ada.refreshToken } });
        expect(refreshed.status).toBe(200);
        expect((await h.request('POST', '/api/auth/register', { json: { email: `n-${tag}@example.test`, password: 'long enough', name: 'N' } })).status).toBe(201);
      } finally {
        await h.close();
      }
    });

    // Finding 2: there was no per-account throttle against password guessing from many addresses.
    it('makes an account wait after repeated wrong passwords from any address; other accounts are untouched', async () => {
      const h = await another({ env: { TRUST_PROXY: '1' }, loginThrottle: { freeFailures: 3, firstDelayMs: 10 * 60_000 } });
      try {
        const [ada, bob] = [await h.signUp(), await h.signUp()];
        const statuses: number[] = [];
        for (let i = 0; i < 4; i += 1) {
          const from = { 'x-forwarded-for': `203.0.113.${i + 1}` };
          statuses.push((await h.request('POST', '/api/auth/login', { ...login(ada.email), headers: from })).status);
        }
        expect(statuses).toEqual([401, 401, 401, 429]);
        const right = await h.request('POST', '/api/auth/login', login(ada.email, ada.password));
        expect(right.status).toBe(429);
        expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(60);
        await h.login(bob);
      } finally {
        await h.close();
      }
    });

    it('counts a right password as clearing the account’s failures', async () => {
      const h = await another({ loginThrottle: { freeFailures: 2, firstDelayMs: 10 * 60_000 } });
      try {
        const ada = await h.signUp();
        expect((await h.request('POST', '/api/auth/login', login(ada.email))).status).toBe(401);
        await h.login(ada);
        expect((await h.request('POST', '/api/auth/login', login(ada.email))).status).toBe(401);
        await h.login(ada);
      } finally {
        await h.close();
      }
    });
  });
}
