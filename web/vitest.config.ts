import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'web',
    // Component and client tests run in happy-dom; browser e2e files opt into node
    // with a `@vitest-environment node` docblock.
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}', 'e2e/**/*.e2e.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
