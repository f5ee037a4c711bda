import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['./packages/testing/src/global-setup.ts'],
    projects: ['packages/*', '{server,sync,web,infra,bench}'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
