import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One copy of graphql: Apollo's CommonJS packages and our ESM sources must share the same module,
    // or `instanceof GraphQLSchema` checks fail between them (Node itself loads only one copy).
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['**/test/**/*.test.ts', 'tests/e2e/**/*.test.ts', 'tests/browser/**/*.test.ts'],
    exclude: ['**/node_modules/**', '.data/**'],
    globalSetup: ['tests/src/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { APOLLO_TELEMETRY_DISABLED: 'true' },
  },
});
