import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Prism and server child processes take a few seconds to come up on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
