import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'infra',
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // Synthesising a stack takes a second or two; each file synthesises its own.
    testTimeout: 60_000,
  },
});
