import { defineConfig } from 'vitest/config';

// Workspace code imports @gatehouse/clients from its TypeScript sources (the "source" export condition, see
// clients/README.md); processes the tests spawn (CLIs under tsx) inherit it through NODE_OPTIONS.
const SOURCE = '--conditions=source';
if (!process.env.NODE_OPTIONS?.includes(SOURCE))
  process.env.NODE_OPTIONS = [process.env.NODE_OPTIONS, SOURCE].filter(Boolean).join(' ');

export default defineConfig({
  resolve: { conditions: ['source', 'module', 'node', 'development|production'] },
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'] } },
  test: {
    include: [
      'canisters/**/*.test.ts',
      'clients/**/*.test.ts',
      'scripts/**/*.test.ts',
      'worker/**/*.test.ts',
      'localnet/**/*.test.ts',
      'proposals/**/*.test.ts',
      'test/**/*.test.ts',
      'frontend/src/**/*.test.{ts,tsx}',
    ],
    exclude: ['**/node_modules/**', '.azle/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
