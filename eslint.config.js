// Lint rules that enforce the architecture of DESIGN.md: dependency direction,
// no process.env outside the start-up modules, no console in packages.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const appImports = ['@codesync/server', '@codesync/sync', '@codesync/web', '@codesync/infra'];
const banImports = (names, message) => ({
  'no-restricted-imports': [
    'error',
    { patterns: names.map((name) => ({ group: [name, `${name}/*`], message })) },
  ],
});

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**', '**/dist/**', '**/.data/**', 'infra/cdktf.out/**', 'infra/.gen/**',
      'bench/results/**', '**/*.config.js', '**/*.config.ts', '**/vite-env.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-empty': ['error', { allowEmptyCatch: false }],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'read the environment in packages/config or a main.ts' },
      ],
    },
  },
  {
    // Plain-JavaScript tools (the build runs before anything is compiled).
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', performance: 'readonly', fetch: 'readonly' } },
  },
  {
    // s3rver ships no types: a local declaration is referenced where it is used.
    files: ['packages/testing/src/s3.ts'],
    rules: { '@typescript-eslint/triple-slash-reference': 'off' },
  },
  {
    files: ['packages/**/*.ts'],
    rules: {
      ...banImports(appImports, 'packages/* never import an app'),
      'no-console': 'error',
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: banImports(['@codesync/sync', '@codesync/web', '@codesync/infra', '../sync', '../../sync'], 'server never imports sync, web or infra'),
  },
  {
    files: ['sync/**/*.ts'],
    rules: banImports(['@codesync/server', '@codesync/web', '@codesync/infra', '../server', '../../server'], 'sync never imports server, web or infra'),
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    rules: banImports(['@codesync/server', '@codesync/sync', '@codesync/infra', '@codesync/db', '@codesync/bus', '@codesync/storage'], 'web imports only browser-safe packages'),
  },
  {
    files: ['infra/**/*.ts'],
    rules: banImports(['@codesync/server', '@codesync/sync', '@codesync/web'], 'infra imports no app code'),
  },
  {
    // Start-up modules (the admin command's too), config, tests and tools may read the environment.
    files: ['**/main.ts', 'server/src/admin.ts', '**/*.test.ts', '**/test/**', 'packages/config/**', 'packages/testing/**', 'bench/**', 'infra/**', '**/scripts/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
