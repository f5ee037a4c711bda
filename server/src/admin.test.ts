import { createDatabase } from '@codesync/db';
import { createTestDatabase, describeWithPostgres, runCompiledEntryPoint } from '@codesync/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiHarness, TEST_JWT_SECRET, type ApiHarness } from './test-support/api-harness.js';

// Issue 16, finding 6: a forgotten password had no way back. `pnpm admin reset-link <email>`
// (the compiled admin.js, as an operator runs it) prints a link whose token POST /api/auth/reset takes once.
describeWithPostgres('pnpm admin reset-link', () => {
  let testDatabase: Awaited<ReturnType<typeof createTestDatabase>>;
  let h: ApiHarness;
  const close: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    const database = await createDatabase({ url: testDatabase.url });
    h = await createApiHarness({ database });
    close.push(() => h.close(), () => database.close(), () => testDatabase.drop());
  }, 90_000);
  afterAll(async () => {
    for (const step of close) await step();
  });

  const admin = (args: string[]) =>
    runCompiledEntryPoint('server', { DATABASE_URL: testDatabase.url, JWT_SECRET: TEST_JWT_SECRET, PUBLIC_URL: 'https://codesync.example/' }, 60_000, {
      entry: 'admin.js',
      args,
    });

  it('prints a one-time link for the account, and says so when there is none', async () => {
    const ada = await h.signUp();
    const run = await admin(['reset-link', ada.email.toUpperCase()]);
    expect(run.code, run.stderr).toBe(0);
    const token = /^https:\/\/codesync\.example\/reset#token=([\w-]{43})\n$/.exec(run.stdout)?.[1];
    expect(token).toBeDefined();
    expect((await h.request('POST', '/api/auth/reset', { json: { token, newPassword: 'chosen again' } })).status).toBe(204);
    await h.login({ email: ada.email, password: 'chosen again' });

    const nobody = await admin(['reset-link', 'nobody@example.test']);
    expect({ code: nobody.code, stdout: nobody.stdout, stderr: nobody.stderr }).toEqual({ code: 1, stdout: '', stderr: 'no account with the email nobody@example.test\n' });
    expect((await admin([])).code).toBe(2);
  }, 120_000);
});
