// Lint for the whole tree. The boundary rules encode who may import whom (see README "Packages"):
// programs (worker, proposals, frontend) talk to canisters only through clients/.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Import patterns a package must not use, each group with the reason shown in the lint error. */
const forbid = (groups) => ({
  'no-restricted-imports': ['error', { patterns: groups.map(([group, message]) => ({ group, message })) }],
});

const noNodeModulesPaths = [['**/node_modules/**'], 'import through the package name, never a node_modules/ path'];
const programBoundary = [
  [['**/localnet/**'], 'programs talk to the network through clients/, never localnet/'],
  [['**/canisters/**', '!@icp-sdk/canisters/**'], 'programs use the typed clients in clients/, never canister sources'],
  [['**/test/**'], 'program code must not import test code'],
  noNodeModulesPaths,
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/.azle/**',
      '**/dist/**',
      '.localnet/**',
      'test/fixtures/**',
      '**/declarations/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      ...forbid([noNodeModulesPaths]),
    },
  },
  {
    // localnet decodes Candid of any shape and tests drive untyped actors: `any` is the honest type there.
    files: ['localnet/**/*.ts', '**/*.test.ts', '**/testing/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['clients/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: forbid([
      [['node:*'], 'clients/ runs in browsers too: no node: imports'],
      [['azle', 'azle/*'], 'clients/ must not depend on azle'],
      [
        [
          '**/canisters/**',
          '!@icp-sdk/canisters/**',
          '**/localnet/**',
          '**/test/**',
          '**/worker/**',
          '**/proposals/**',
          '**/frontend/**',
        ],
        'clients/ depends on no other package of ours',
      ],
      noNodeModulesPaths,
    ]),
  },
  {
    files: ['worker/**/*.ts', 'proposals/**/*.ts', 'frontend/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/test/**', '**/scripts/bench-*.ts'],
    rules: forbid(programBoundary),
  },
  {
    files: ['canisters/*/domain/**/*.ts'],
    ignores: ['**/*.test.ts', '**/testing.ts'],
    rules: forbid([
      [['azle', 'azle/*'], 'domain logic is pure: no azle import (platform glue lives in the canister entry)'],
      noNodeModulesPaths,
    ]),
  },
  {
    files: ['frontend/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  prettier,
);
