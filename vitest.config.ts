import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    setupFiles: ['test/setup/own-files.ts'],
    include: ['test/**/*.test.ts'],
    // The live contract suite needs a target: `CONTRACT_BASE_URL=… npm run test:contract` (test/cli/contract.test.ts runs it).
    exclude: ['test/contract-live/**', '**/node_modules/**'],
    // Prism and server child processes take a few seconds to come up on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
