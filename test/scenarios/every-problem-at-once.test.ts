/**
 * A scenario's problems are all reported at once (parse, shape and rules in one list, in document order),
 * each with file, position, path and reason on one line, and without cascades: where one problem makes
 * further checks of the same node meaningless, only that root is reported (issue 14, item 6).
 */
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadScenarioFile } from '../../src/node/scenario-file.ts';
import { parseScenario, validateScenarioDocument } from '../../src/scenario-files/parse.ts';
import { ScenarioError } from '../../src/scenario-files/scenario-error.ts';
import { appOf, stateFor } from '../helpers/app.ts';

const FIXTURES = 'test/fixtures/scenarios';

function scenarioErrorOf(call: () => unknown): ScenarioError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return error as ScenarioError;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('a scenario file with four independent problems', () => {
  const file = `${FIXTURES}/four-problems.yaml`;

  it('reports all four, in document order, each on one line with file, line, column, path and reason', () => {
    const error = scenarioErrorOf(() => loadScenarioFile(file));
    expect(error.message).toBe([
      'invalid scenario (4 problems):',
      `  ${file}:17:20 /workspaces/0/runs/0/createdAt: bad timestamp: must be an ISO 8601 date-time with a UTC offset, e.g. 2026-11-20T12:00:00Z`,
      `  ${file}:19:15 /workspaces/0/runs/1/flow: unknown flow id "f0000000-0000-4000-8000-00000000dead" (not a flow of this workspace)`,
      `  ${file}:22:13 /workspaces/0/runs/2/id: duplicate run id "a0000000-0000-4000-8000-000000000002" (first used at /workspaces/0/runs/1/id)`,
      `  ${file}:32:21 /workspaces/0/runs/3/appActions: must be an integer, not a string`,
    ].join('\n'));
    expect(error.stage).toBe('schema');
  });

  it('reports the same four for the parsed document (no positions), as validateScenarioDocument', () => {
    const value: unknown = parse(readFileSync(file, 'utf8'));
    const error = scenarioErrorOf(() => validateScenarioDocument(value, 'the scenario option'));
    expect(error.problems.map((p) => `${p.pointer}: ${p.message}`)).toEqual([
      '/workspaces/0/runs/0/createdAt: bad timestamp: must be an ISO 8601 date-time with a UTC offset, e.g. 2026-11-20T12:00:00Z',
      '/workspaces/0/runs/1/flow: unknown flow id "f0000000-0000-4000-8000-00000000dead" (not a flow of this workspace)',
      '/workspaces/0/runs/2/id: duplicate run id "a0000000-0000-4000-8000-000000000002" (first used at /workspaces/0/runs/1/id)',
      '/workspaces/0/runs/3/appActions: must be an integer, not a string',
    ]);
    expect(error.problems.every((p) => p.file === 'the scenario option' && p.line === undefined)).toBe(true);
  });

  it('PUT /__mock/scenario lists the four in its problem envelope and changes nothing', async () => {
    const app = appOf(stateFor('edge-cases'));
    const res = await request(app).put('/__mock/scenario').send(parse(readFileSync(file, 'utf8')) as object);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      type: 'https://flowmock.dev/problems/invalid-request',
      detail: 'The scenario four-problems has 4 problems; nothing was changed.',
      errors: [
        { in: 'body', path: '/workspaces/0/runs/0/createdAt', message: 'bad timestamp: must be an ISO 8601 date-time with a UTC offset, e.g. 2026-11-20T12:00:00Z' },
        { in: 'body', path: '/workspaces/0/runs/1/flow', message: 'unknown flow id "f0000000-0000-4000-8000-00000000dead" (not a flow of this workspace)' },
        { in: 'body', path: '/workspaces/0/runs/2/id', message: 'duplicate run id "a0000000-0000-4000-8000-000000000002" (first used at /workspaces/0/runs/1/id)' },
        { in: 'body', path: '/workspaces/0/runs/3/appActions', message: 'must be an integer, not a string' },
      ],
    });
    expect((await request(app).get('/__mock/health')).body.scenario.name).toBe('edge-cases');
  });
});

describe('a scenario file with an indentation slip', () => {
  const file = `${FIXTURES}/indentation-slip.yaml`;

  it('gives one message with line and column, no cascade and no dangling punctuation', () => {
    const error = scenarioErrorOf(() => loadScenarioFile(file));
    expect(error.message).toBe([
      'invalid scenario (1 problem):',
      `  ${file}:16:7 /workspaces/0/flows/0: not valid YAML/JSON: All mapping items must start at the same column (check the indentation of this line)`,
    ].join('\n'));
    expect(error.stage).toBe('parse');
  });

  it('PUT /__mock/scenario as YAML answers one malformed-body problem naming line and column', async () => {
    const app = appOf(stateFor('edge-cases'));
    const res = await request(app).put('/__mock/scenario').set('content-type', 'application/yaml').send(readFileSync(file, 'utf8'));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      type: 'https://flowmock.dev/problems/malformed-body',
      detail: 'The body is not valid YAML: All mapping items must start at the same column (check the indentation of this line) at line 16, column 7',
    });
  });
});

const WS = 'e0000000-0000-4000-8000-000000000001';
const FLOW = 'f0000000-0000-4000-8000-000000000001';

type Fields = Record<string, unknown>;
interface Doc { workspaces: [Fields & { users: unknown; tokens: unknown; flows: [Fields]; runs: [Fields] }] }

/** A valid document; `change` breaks it. */
function documentWith(change: (doc: Doc & { users?: [Fields] }) => void): unknown {
  const doc = {
    version: 1, name: 'cascades', seed: 1,
    workspaces: [{
      id: WS, name: 'Test', tokens: ['fm_test_0123456789'],
      users: [{ id: '1', name: 'Ann', email: 'ann@test.example' }],
      flows: [{ id: FLOW, kind: 'workflow', name: 'F', createdAt: '2026-01-01T00:00:00Z', createdBy: '1' }],
      runs: [{ id: 'a0000000-0000-4000-8000-000000000001', flow: FLOW, user: '1', status: 'succeeded', createdAt: '2026-02-01T00:00:00Z', startedAt: '2026-02-01T00:00:01Z', finishedAt: '2026-02-01T00:00:09Z' }],
    }],
  };
  change(doc as unknown as Doc);
  return doc;
}

function problemsOf(value: unknown): string[] {
  return scenarioErrorOf(() => validateScenarioDocument(value, 'doc')).problems.map((p) => `${p.pointer || '/'}: ${p.message}`);
}

describe('no cascades: the root problem of a node only', () => {
  it('an unknown status: not also "finishedAt is set on a … run"', () => {
    expect(problemsOf(documentWith((d) => { d.workspaces[0].runs[0].status = 'done'; }))).toEqual([
      '/workspaces/0/runs/0/status: must be one of: "awaiting_payment", "payment_confirmed", "queued", "running", "paused", "succeeded", "failed", "cancelled"',
    ]);
  });

  it('a flow with a bad createdAt: its runs are not also "created before their flow"', () => {
    expect(problemsOf(documentWith((d) => { d.workspaces[0].flows[0].createdAt = 'yesterday'; }))).toEqual([
      '/workspaces/0/flows/0/createdAt: bad timestamp: must be an ISO 8601 date-time with a UTC offset, e.g. 2026-11-20T12:00:00Z',
    ]);
  });

  it('a user id written as a number: the type, and references to it still resolve', () => {
    expect(problemsOf(documentWith((d) => { (d.workspaces[0].users as [Fields])[0].id = 1; }))).toEqual([
      '/workspaces/0/users/0/id: must be a string, not a number',
    ]);
  });

  it('users that are not a list: that, not an unknown user at every reference', () => {
    expect(problemsOf(documentWith((d) => { d.workspaces[0].users = { id: '1' }; }))).toEqual([
      '/workspaces/0/users: must be an array, not an object',
    ]);
  });

  it('a token too short and with a bad character: one problem for the one token', () => {
    expect(problemsOf(documentWith((d) => { d.workspaces[0].tokens = ['bad tok']; }))).toHaveLength(1);
  });

  it('a run missing its status: that, and the run\'s other independent problems', () => {
    expect(problemsOf(documentWith((d) => { delete d.workspaces[0].runs[0].status; d.workspaces[0].runs[0].flow = 'f0000000-0000-4000-8000-00000000dead'; }))).toEqual([
      '/workspaces/0/runs/0: missing required field "status"',
      '/workspaces/0/runs/0/flow: unknown flow id "f0000000-0000-4000-8000-00000000dead" (not a flow of this workspace)',
    ]);
  });

  it('a leap second (a date-time the schema lets through) does not hide a rule problem elsewhere', () => {
    expect(problemsOf(documentWith((d) => {
      d.workspaces[0].flows[0].createdAt = '2016-12-31T23:59:60Z';
      d.workspaces[0].runs[0].user = '42';
    }))).toEqual([
      '/workspaces/0/flows/0/createdAt: bad timestamp "2016-12-31T23:59:60Z": must be an ISO 8601 date-time with a UTC offset, e.g. 2026-11-20T12:00:00Z (no leap second :60, offsets as ±hh:mm)',
      '/workspaces/0/runs/0/user: unknown user id "42"',
    ]);
  });

  it('a run with a leap second: not also "finishedAt is before createdAt", but its unknown user', () => {
    expect(problemsOf(documentWith((d) => {
      d.workspaces[0].runs[0].createdAt = '2016-12-31T23:59:60Z';
      d.workspaces[0].runs[0].user = '42';
    }))).toEqual([
      '/workspaces/0/runs/0/user: unknown user id "42"',
      '/workspaces/0/runs/0/createdAt: bad timestamp "2016-12-31T23:59:60Z": must be an ISO 8601 date-time with a UTC offset, e.g. 2026-11-20T12:00:00Z (no leap second :60, offsets as ±hh:mm)',
    ]);
  });

  it('a document that is not an object: one problem', () => {
    expect(problemsOf([1, 2])).toEqual(['/: must be an object, not an array']);
  });

  it('every message is one line', () => {
    const text = 'version: 1\nname: x\nseed: 1\nworkspaces:\n  - { id: e0000000-0000-4000-8000-000000000001, name: W, tokens: [fm_test_0123456789], users: [], flows: [{ id: f0000000-0000-4000-8000-000000000001, kind: workflow, name: F, createdAt: 2026-01-01T00:00:00Z, createdBy: "4\\n2" }] }\n';
    const error = scenarioErrorOf(() => parseScenario(text, 'x.yaml'));
    expect(error.message).toBe('invalid scenario (1 problem):\n  x.yaml:5:220 /workspaces/0/flows/0/createdBy: unknown user id "4 2" (not a user of this workspace)');
  });
});
