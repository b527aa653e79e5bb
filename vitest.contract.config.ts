import { defineConfig } from 'vitest/config';

/** `npm run test:contract`: the contract suite against CONTRACT_BASE_URL, as vitest tests. */
export default defineConfig({
  test: {
    setupFiles: ['test/setup/own-files.ts'],
    include: ['test/contract-live/**/*.test.ts'],
    testTimeout: 120_000,
  },
});
