import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Integration and e2e tests open real sockets, watchers and browsers;
    // two cores do best with a small pool.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
