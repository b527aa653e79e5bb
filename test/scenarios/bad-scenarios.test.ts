import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/node/scenario-file.ts';
import { parseScenario } from '../../src/scenario-files/parse.ts';
import { ScenarioError } from '../../src/scenario-files/scenario-error.ts';

const WS = 'e0000000-0000-4000-8000-000000000001';
const FLOW = 'f0000000-0000-4000-8000-000000000001';
const RUN = 'a0000000-0000-4000-8000-000000000001';

/** A valid scenario; each case breaks one thing in it. */
function scenario({ flow = '', run = '', extraRun = '', top = '', ws = '' } = {}): string {
  return `version: 1
name: broken
seed: 1
${top}
workspaces:
  - id: ${WS}
    name: Test
    tokens: [fm_test_0123456789]
${ws}
    users:
      - { id: "1", name: Ann, email: ann@test.example }
    flows:
      - { id: ${FLOW}, kind: workflow, name: F, createdAt: 2026-01-01T00:00:00Z, createdBy: "1"${flow} }
    runs:
      - { id: ${RUN}, flow: ${FLOW}, user: "1", status: succeeded, createdAt: 2026-02-01T00:00:00Z, startedAt: 2026-02-01T00:00:01Z, finishedAt: 2026-02-01T00:00:09Z${run} }
${extraRun}
`;
}

function problemsOf(text: string): string {
  try {
    parseScenario(text, 'scenarios/broken.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as Error).message;
  }
  throw new Error('expected the scenario to be rejected');
}

const cases: [string, { given: string; want: RegExp[] }][] = [
  ['an unknown flow id', {
    given: scenario({ extraRun: `      - { id: a0000000-0000-4000-8000-000000000002, flow: f0000000-0000-4000-8000-00000000dead, status: queued, createdAt: 2026-02-01T00:00:00Z }` }),
    want: [/scenarios\/broken\.yaml:\d+:\d+ \/workspaces\/0\/runs\/1\/flow: unknown flow id "f0000000-0000-4000-8000-00000000dead"/],
  }],
  ['finishedAt on a running run', {
    given: scenario({ extraRun: `      - { id: a0000000-0000-4000-8000-000000000002, flow: ${FLOW}, status: running, createdAt: 2026-02-01T00:00:00Z, startedAt: 2026-02-01T00:00:01Z, finishedAt: 2026-02-01T00:00:02Z }` }),
    want: [/\/workspaces\/0\/runs\/1\/finishedAt: finishedAt is set on a running run/],
  }],
  ['a duplicate run id', {
    given: scenario({ extraRun: `      - { id: ${RUN}, flow: ${FLOW}, status: queued, createdAt: 2026-02-01T00:00:00Z }` }),
    want: [/\/workspaces\/0\/runs\/1\/id: duplicate run id "a0000000-0000-4000-8000-000000000001" \(first used at \/workspaces\/0\/runs\/0\/id\)/],
  }],
  ['a run before its flow exists', {
    given: scenario({ extraRun: `      - { id: a0000000-0000-4000-8000-000000000002, flow: ${FLOW}, status: queued, createdAt: 2025-12-31T23:59:59Z }` }),
    want: [/\/workspaces\/0\/runs\/1\/createdAt: run created at 2025-12-31T23:59:59Z, before its flow exists \(flow created 2026-01-01T00:00:00.000Z\)/],
  }],
  ['a bad timestamp', {
    given: scenario({ extraRun: `      - { id: a0000000-0000-4000-8000-000000000002, flow: ${FLOW}, status: queued, createdAt: "2026-02-30 25:00" }` }),
    want: [/:\d+:\d+ \/workspaces\/0\/runs\/1\/createdAt: bad timestamp: must be an ISO 8601 date-time with a UTC offset/],
  }],
  ['a timestamp without offset', {
    given: scenario({ top: 'now: 2026-02-01T00:00:00' }),
    want: [/\/now: bad timestamp/],
  }],
  ['an unknown status', {
    given: scenario({ run: ', status: done' }).replace('status: succeeded, ', ''),
    want: [/\/workspaces\/0\/runs\/0\/status: must be one of: "awaiting_payment", "payment_confirmed", "queued"/],
  }],
  ['an unknown field', {
    given: scenario({ run: ', colour: blue' }),
    want: [/\/workspaces\/0\/runs\/0\/colour: unknown field "colour"/],
  }],
  ['a missing required field', {
    given: scenario().replace('name: broken\n', ''),
    want: [/scenarios\/broken\.yaml \/: missing required field "name"/],
  }],
  ['an unknown user', {
    given: scenario({ run: '' }).replace('user: "1"', 'user: "42"'),
    want: [/\/workspaces\/0\/runs\/0\/user: unknown user id "42"/],
  }],
  ['startedAt on a queued run', {
    given: scenario({ extraRun: `      - { id: a0000000-0000-4000-8000-000000000002, flow: ${FLOW}, status: queued, createdAt: 2026-02-01T00:00:00Z, startedAt: 2026-02-01T00:00:01Z }` }),
    want: [/\/runs\/1\/startedAt: startedAt is set on a queued run, which has not started/],
  }],
  ['a terminal run without finishedAt', {
    given: scenario({ extraRun: `      - { id: a0000000-0000-4000-8000-000000000002, flow: ${FLOW}, status: failed, createdAt: 2026-02-01T00:00:00Z, error: boom }` }),
    want: [/\/runs\/1\/finishedAt: a failed run needs finishedAt/],
  }],
  ['finishedAt before startedAt', {
    given: scenario().replace('finishedAt: 2026-02-01T00:00:09Z', 'finishedAt: 2026-02-01T00:00:00.500Z'),
    want: [/\/runs\/0\/finishedAt: finishedAt is before startedAt/],
  }],
  ['an error on a succeeded run', {
    given: scenario({ run: ', error: oops' }),
    want: [/\/runs\/0\/error: error is set on a succeeded run; only failed runs have one/],
  }],
  ['a flow created by an unknown user', {
    given: scenario().replace('createdBy: "1"', 'createdBy: "9"'),
    want: [/\/workspaces\/0\/flows\/0\/createdBy: unknown user id "9"/],
  }],
  ['a duplicate key', {
    given: scenario().replace('seed: 1\n', 'seed: 1\nseed: 2\n'),
    want: [/scenarios\/broken\.yaml:4:1 \/: not valid YAML\/JSON: Map keys must be unique/],
  }],
  ['generated runs without any flow', {
    given: scenario({ ws: '    generate: { runs: 10 }' }).replace(/ {4}flows:\n.*\n {4}runs:\n.*\n/, ''),
    want: [/\/workspaces\/0\/generate\/runs: runs to generate but the workspace has no flows/],
  }],
];

describe('a bad scenario is rejected with the file, the path inside it and the problem', () => {
  it.each(cases)('%s', (_name, { given, want }) => {
    const message = problemsOf(given);
    for (const pattern of want) expect(message).toMatch(pattern);
  });

  it('reports every problem at once, not just the first', () => {
    const message = problemsOf(scenario({ run: ', colour: blue, appActions: -1' }).replace('createdBy: "1"', 'createdBy: "9"'));
    // The schema's two problems do not hide the rule's (the flow's unknown creator).
    expect(message).toBe([
      'invalid scenario (3 problems):',
      '  scenarios/broken.yaml:13:122 /workspaces/0/flows/0/createdBy: unknown user id "9" (not a user of this workspace)',
      '  scenarios/broken.yaml:15:235 /workspaces/0/runs/0/colour: unknown field "colour"',
      '  scenarios/broken.yaml:15:253 /workspaces/0/runs/0/appActions: must be >= 0',
    ].join('\n'));
  });

  it('names the file it read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowmock-'));
    const file = join(dir, 'mine.json');
    writeFileSync(file, JSON.stringify({ version: 1, name: 'x', seed: 1, workspaces: [{ id: 'not-a-uuid', name: 'W', tokens: ['fm_test_0123456789'] }] }, null, 2));
    expect(() => loadScenarioFile(file)).toThrow(/mine\.json:\d+:\d+ \/workspaces\/0\/id: must be a UUID/);
  });

  it('says which scenarios exist when the name is unknown', () => {
    expect(() => loadScenarioFile('nope')).toThrow(/no such scenario: .*default, edge-cases, empty, large/);
  });
});
