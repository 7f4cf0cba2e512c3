import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// Browser tests drive Debian's Chromium. Without it, a developer's `npm test` runs everything else and says
// so; CI (.ci/run installs Chromium and sets REQUIRE_BROWSER_TESTS) runs them always, so they fail loudly.
const chromium = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const browserTests = existsSync(chromium) || process.env['REQUIRE_BROWSER_TESTS'] === '1';
if (!browserTests) {
  console.warn(
    `\n  No Chromium at ${chromium}: the browser tests (tests/browser) are skipped.\n` +
      '  Install it with "apt-get install -y chromium" (or set CHROMIUM_PATH) to run them.\n',
  );
}

export default defineConfig({
  resolve: {
    // One copy of graphql: Apollo's CommonJS packages and our ESM sources must share the same module,
    // or `instanceof GraphQLSchema` checks fail between them (Node itself loads only one copy).
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: [
      '**/test/**/*.test.ts',
      'tests/e2e/**/*.test.ts',
      ...(browserTests ? ['tests/browser/**/*.test.ts'] : []),
    ],
    exclude: ['**/node_modules/**', '.data/**'],
    globalSetup: ['tests/src/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { APOLLO_TELEMETRY_DISABLED: 'true' },
  },
});
