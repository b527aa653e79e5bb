// The README's Vitest globalSetup, as a user writes it: one flowmock server for the whole run.
import { startFlowmock, type Flowmock } from 'flowmock';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    flowmockUrl: string;
  }
}

let mock: Flowmock;
export async function setup(project: TestProject) {
  mock = await startFlowmock({ scenario: 'default', now: '2026-11-20T12:00:00Z' });
  project.provide('flowmockUrl', mock.url);
}
export async function teardown() {
  await mock.close();
}
