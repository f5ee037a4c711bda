import { defineConfig } from 'vitest/config';

// One run over the whole workspace. Node-side projects share the timeouts
// below (`extends: true`); web and infra bring their own configs.
export default defineConfig({
  test: {
    globalSetup: ['./packages/testing/src/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'packages', include: ['packages/*/src/**/*.test.ts'] } },
      { extends: true, test: { name: 'server', include: ['server/src/**/*.test.ts'] } },
      { extends: true, test: { name: 'sync', include: ['sync/src/**/*.test.ts'] } },
      { extends: true, test: { name: 'embedded', include: ['embedded/src/**/*.test.ts'] } },
      { extends: true, test: { name: 'bench', include: ['bench/src/**/*.test.ts'] } },
      { extends: true, test: { name: 'faults', include: ['faults/src/**/*.test.ts'] } },
      'web',
      'infra',
    ],
  },
});
