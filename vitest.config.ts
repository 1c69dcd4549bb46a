import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'canisters/**/*.test.ts',
      'scripts/**/*.test.ts',
      'worker/**/*.test.ts',
      'localnet/**/*.test.ts',
      'proposals/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '.azle/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
