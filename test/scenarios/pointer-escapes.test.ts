/**
 * Keys holding `/` or `~` are escaped in the JSON pointers of scenario errors (RFC 6901: `~1`, `~0`), so that
 * a pointer names one path: before src/lib/json-pointer.ts, the field `a/b` under a run read
 * `/workspaces/0/runs/0/a/b`, a pointer to a field `b` inside a field `a`.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario-files/parse.ts';
import { ScenarioError } from '../../src/scenario-files/scenario-error.ts';

const scenario = (extra: string) => `version: 1
name: escapes
seed: 1
workspaces:
  - id: e0000000-0000-4000-8000-000000000001
    name: Test
    tokens: [fm_test_0123456789]
    users:
      - { id: "1", name: Ann, email: ann@test.example }
    flows:
      - { id: f0000000-0000-4000-8000-000000000001, kind: workflow, name: F, createdAt: 2026-01-01T00:00:00Z, createdBy: "1" }
    runs:
      - { id: a0000000-0000-4000-8000-000000000001, flow: f0000000-0000-4000-8000-000000000001, status: queued, createdAt: 2026-02-01T00:00:00Z, ${extra} }
`;

function problemsOf(text: string): ScenarioError['problems'] {
  try {
    parseScenario(text, 'escapes.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as ScenarioError).problems;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('scenario error pointers', () => {
  it.each([
    ['a slash', '"a/b": 1', '/workspaces/0/runs/0/a~1b', 'a/b'],
    ['a tilde', '"m~n": 1', '/workspaces/0/runs/0/m~0n', 'm~n'],
    ['both, in the order that matters', '"~1/": 1', '/workspaces/0/runs/0/~01~1', '~1/'],
  ])('escape %s in an unknown field\'s key', (_, field, pointer, key) => {
    const problems = problemsOf(scenario(field));
    expect(problems).toEqual([expect.objectContaining({ pointer, message: `unknown field "${key}"` })]);
    // The position is still found: the YAML lookup reads the unescaped key.
    expect(problems[0]?.line).toBe(13);
  });
});
