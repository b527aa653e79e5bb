import { defineConfig } from 'vitest/config';

// The live contract suite needs a target: `CONTRACT_BASE_URL=… npm run test:contract` (test/cli/contract.test.ts runs it).
// test/package/consumer holds a user's test, run in a scratch project by test/package/consumer.test.ts.
const EXCLUDE = ['test/contract-live/**', 'test/package/consumer/**', '**/node_modules/**'];

/**
 * The tests that leave the process, the slow project; every other test runs in process (supertest, the
 * core, MSW in Node) and is in the fast one. test/suite/projects.test.ts holds this list to what the
 * test files do: a test that starts a process must be here, and one that starts none must not.
 */
export const SLOW = [
  'test/cli/**/*.test.ts', // the flowmock CLI as a child process
  'test/browser/**/*.test.ts', // Chromium (playwright-core)
  'test/dashboard/browser.test.ts', // the dashboard in Chromium, against `flowmock serve` (its CLI) as a child process
  'test/fuzz/**/*.test.ts', // the server under fuzzing runs in a child process (test/fuzz/harness.ts)
  'test/apis/prism-proxy.test.ts', // Prism's proxy in front of flowmock
  'test/contract/prism-target.test.ts', // the contract suite against `prism mock`
  'test/contract/mockoon-target.test.ts', // the contract suite against Mockoon's CLI serving our specs
  'test/specs/prism-mock.test.ts', // `prism mock` of each spec
  'test/specs/third-party-contract.test.ts', // Specmatic (a JVM) against `flowmock serve` (its CLI) as child processes
  'test/specs/gen-check.test.ts', // the type generator, as `npm run gen:check` runs it
  'test/scenarios/determinism.test.ts', // a second process (`node --eval`) generating the same dataset
  'test/node/change-log-crash.test.ts', // writers in child processes, killed with SIGKILL
  'test/node/change-log-faults.test.ts', // mount(8) and umount(8) for a full file system
  'test/docker/**/*.test.ts', // the Dockerfile's steps: npm pack, npm install --global, the server started and stopped
  'test/package/**/*.test.ts', // npm pack, npm install in a scratch project, the installed CLI and a user's vitest
];

export default defineConfig({
  test: {
    setupFiles: ['test/setup/own-files.ts'],
    // Prism and server child processes take a few seconds to come up on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // `npm test` runs both; `vitest run --project fast` only the first. The projects inherit the options
    // above (`extends: true`), whose arrays Vite concatenates with theirs: so `include` is set per project
    // only, or the slow project would include every test.
    projects: [
      { extends: true, test: { name: 'fast', include: ['test/**/*.test.ts'], exclude: [...EXCLUDE, ...SLOW] } },
      { extends: true, test: { name: 'slow', include: SLOW, exclude: EXCLUDE } },
    ],
  },
});
