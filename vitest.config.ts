import { defineConfig } from 'vitest/config';

// One runner for every tier: unit tests (*.test.ts beside the code), integration tests
// (*.int.test.ts, on SQLite always and on PostgreSQL when LUODI_TEST_POSTGRES_URL is set) and
// browser journeys (test/e2e, when /usr/bin/chromium exists). Web unit tests (src/web/**/*.test.ts)
// cover pure view logic only (layout maths, URL state): they run in Node, without a DOM.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    globalSetup: ['test/global-setup.ts'],
    // exceljs must load after our UTF-8 fix, even in tests that import it directly.
    setupFiles: ['src/xlsx/exceljs-utf8-fix.ts'],
  },
});
