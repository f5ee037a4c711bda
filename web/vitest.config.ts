import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // As in vite.config.ts: y-monaco's deep import no longer resolves through monaco-editor's exports.
    alias: [
      {
        find: /^monaco-editor\/esm\/vs\/editor\/editor\.api(\.js)?$/,
        replacement: fileURLToPath(new URL('./node_modules/monaco-editor/esm/vs/editor/editor.api.js', import.meta.url)),
      },
    ],
  },
  test: {
    name: 'web',
    // Component and client tests run in happy-dom; browser e2e files opt into node
    // with a `@vitest-environment node` docblock.
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}', 'e2e/**/*.e2e.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Bundled, not left to Node, so that tests can stand in for Monaco under y-monaco.
    server: { deps: { inline: ['y-monaco'] } },
  },
});
