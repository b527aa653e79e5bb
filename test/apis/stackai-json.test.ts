/**
 * StackAI's page of run summaries is written from remembered bytes (src/apis/stackai/run-summaries-text.ts),
 * not by JSON.stringify of the page: it must be exactly the JSON of `page.map(runSummary)`, for every flow of
 * the shipped scenarios, at clocks where runs are still moving, and again after a run changed.
 */
import { describe, expect, it } from 'vitest';
import { runPage } from '../../src/domain/analytics/run-pages.ts';
import { runSummariesJson } from '../../src/apis/stackai/run-summaries-text.ts';
import { runSummary } from '../../src/apis/stackai/run-summary.ts';
import { bodyBytes } from '../../src/core/http-message.ts';
import type { MockState } from '../../src/domain/mock-state.ts';
import { stateFor } from '../helpers/app.ts';

/** Every page of every flow at `now`, as the fast path writes it and as the plain rule does. */
function everyPage(state: MockState, now: number): { fast: string; plain: string }[] {
  const pages: { fast: string; plain: string }[] = [];
  for (const workspace of state.dataset.workspaces()) {
    for (const [flowId, runs] of workspace.runsByFlow) {
      const flow = workspace.flows.get(flowId)!;
      for (let page = 0; page < 3; page++) {
        const observed = runPage(runs, now, { page, pageSize: 25 });
        const context = { workspace, flow };
        pages.push({
          fast: new TextDecoder().decode(bodyBytes(runSummariesJson(observed, context).json)),
          plain: JSON.stringify(observed.map((run) => runSummary(run, context))),
        });
      }
    }
  }
  return pages;
}

describe('stackai: the page written from remembered bytes', () => {
  it.each([
    ['default', '2026-11-20T12:00:00Z'],
    ['edge-cases', '2026-11-20T12:00:00Z'],
  ])('%s: every page is the JSON of its summaries, asked twice and at a later clock', (scenario, now) => {
    const state = stateFor(scenario, now);
    const at = Date.parse(now);
    for (const clock of [at, at, at - 3_600_000, at + 3_600_000]) {
      const pages = everyPage(state, clock);
      expect(pages.length).toBeGreaterThan(10);
      for (const { fast, plain } of pages) expect(fast).toBe(plain);
    }
    // Runs with text outside Latin-1 are among them (agent names with an em dash are written as they are).
    expect(everyPage(state, at).some(({ plain }) => [...plain].some((c) => c.charCodeAt(0) > 0xff))).toBe(scenario === 'default');
  });

  it('a run patched after its bytes were remembered is written anew', () => {
    const state = stateFor('default', '2026-11-20T12:00:00Z');
    const now = state.clock.now();
    const workspace = [...state.dataset.workspaces()][0]!;
    const [flowId, runs] = [...workspace.runsByFlow].find(([, list]) => list.length > 0)!;
    const context = { workspace, flow: workspace.flows.get(flowId)! };
    const text = () => new TextDecoder().decode(bodyBytes(runSummariesJson(runPage(runs, now, { page: 0, pageSize: 25 }), context).json));
    const before = text();
    const newest = runPage(runs, now, { page: 0, pageSize: 1 })[0]!.run;
    state.updateRun(newest.id, { tokens: newest.tokens + 12_345 });
    const after = text();
    expect(after).not.toBe(before);
    expect(after).toContain(`"total_tokens":${newest.tokens}`);
    expect(after).toBe(JSON.stringify(runPage(runs, now, { page: 0, pageSize: 25 }).map((run) => runSummary(run, context))));
  });
});
