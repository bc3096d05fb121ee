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
        test: { name: 'db', include: ['src/**/*.db.test.ts', 'src/**/*.http.test.ts', 'test/**/*.test.ts'] },
      },
      { extends: true, test: { name: 'e2e', include: ['e2e/**/*.spec.ts'], maxWorkers: 1, testTimeout: 60_000 } },
    ],
  },
});
