import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each worker holds PGlite instances (hundreds of MB each); two workers suit this machine.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['src/**/*.db.test.ts', 'src/**/*.http.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'db',
          include: ['src/**/*.db.test.ts', 'src/**/*.http.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/fuzz/**', 'test/crash/**'],
        },
      },
      // Property-based requests from the OpenAPI document and bad input (`npm run test:fuzz`).
      { extends: true, test: { name: 'fuzz', include: ['test/fuzz/**/*.test.ts'], testTimeout: 240_000 } },
      // Real server processes killed part-way, and several processes on one PostgreSQL (`npm run test:crash`).
      {
        extends: true,
        test: { name: 'crash', include: ['test/crash/**/*.test.ts'], maxWorkers: 1, testTimeout: 300_000 },
      },
      { extends: true, test: { name: 'e2e', include: ['e2e/**/*.spec.ts'], maxWorkers: 1, testTimeout: 60_000 } },
    ],
  },
});
