/** The app in process, over a shipped or inline scenario, and spec validation of what it answers. */
import { expect } from 'vitest';
import type { Response } from 'supertest';
import { MockState } from '../../src/domain/mock-state.ts';
import { FlowmockCore, type CoreOptions } from '../../src/core/flowmock-core.ts';
import { pathTemplateSource } from '../../src/core/path-template.ts';
import type { ScenarioDocument } from '../../src/domain/scenario/document.ts';
import { loadSpec, type SpecName } from '../../src/openapi/spec-document.ts';
import { specValidator } from '../../src/openapi/spec-validator.ts';
import { loadScenarioFile } from '../../src/node/scenario-file.ts';
import { validateScenarioDocument } from '../../src/scenario-files/parse.ts';
import { createApp, type AppOptions } from '../../src/server/app.ts';

export function stateFor(scenario: string | ScenarioDocument, now?: string): MockState {
  const document = typeof scenario === 'string' ? loadScenarioFile(scenario).document : validateScenarioDocument(scenario, 'inline scenario');
  return new MockState({ scenario: document, now: now === undefined ? undefined : Date.parse(now) });
}

/** The Express app over a state, its core made with `options` (admin token, journal, logger). */
export function appOf(state: MockState, { corsOrigins, ...options }: CoreOptions & AppOptions = {}) {
  const app: AppOptions = { ...(corsOrigins === undefined ? {} : { corsOrigins }), ...(options.adminOrigins === undefined ? {} : { adminOrigins: options.adminOrigins }) };
  return createApp(new FlowmockCore(state, options), app);
}

export function appFor(scenario: string | ScenarioDocument, now?: string) {
  const state = stateFor(scenario, now);
  return { app: appOf(state), state };
}

/** Asserts that a response (any status) is what the spec documents for its operation. */
export function expectMatchesSpec(spec: SpecName, mount: string, res: Response): void {
  const path = new URL(res.request.url).pathname.slice(mount.length);
  const method = res.request.method.toLowerCase();
  const op = loadSpec(spec).operations().find((o) => o.method === method && new RegExp(`^${pathTemplateSource(o.path)}$`).test(path));
  expect(op, `${method.toUpperCase()} ${path} is an operation of ${spec}`).toBeDefined();
  const body = res.text === '' ? undefined : res.body;
  const problems = specValidator().validateResponse(op!, res.status, res.headers['content-type'], body);
  expect(problems, `${res.status} ${JSON.stringify(res.body)}`).toEqual([]);
}
