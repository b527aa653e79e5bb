/**
 * Unfiltered pages jump straight to their first run; they must equal the walk that filtered pages take,
 * and both the rule's reference (run-pages.reference.ts: every run of the flow, sorted, sliced).
 */
import { describe, expect, it } from 'vitest';
import { runPageByScan } from '../../src/domain/analytics/run-pages.reference.ts';
import { runPage } from '../../src/domain/analytics/run-pages.ts';
import { MockState } from '../../src/domain/mock-state.ts';
import type { ObservedRun } from '../../src/domain/observed-status.ts';
import { Random } from '../../src/domain/random.ts';
import { loadScenarioFile } from '../../src/node/scenario-file.ts';

describe('run pages', () => {
  it('give the same runs by direct jump as by walking and as the reference, ties, windows and filters included', () => {
    const random = new Random('pages');
    // Its own generator, so that `random` draws the same pages and windows as ever.
    const users = new Random('pages-users');
    for (const name of ['edge-cases', 'default']) {
      const state = new MockState({ scenario: loadScenarioFile(name).document, now: Date.parse('2027-01-05T12:00:00Z') });
      for (const ws of state.dataset.workspaces()) {
        for (const runs of ws.runsByFlow.values()) {
          for (let i = 0; i < 15; i++) {
            const pageSize = 1 + Math.floor(random.next() * 30);
            const page = Math.floor(random.next() * 8);
            const first = runs.at(Math.floor(random.next() * runs.length))?.createdAt;
            const window = random.chance(0.5) || first === undefined ? {} : { from: first - 3_600_000, to: first + 86_400_000 };
            const now = state.clock.now();
            const direct = runPage(runs, now, { ...window, page, pageSize });
            const walked = runPage(runs, now, { ...window, page, pageSize, where: () => true });
            const where = `${name}: page ${page} of ${pageSize} over ${JSON.stringify(window)}`;
            expect(direct.map((o) => o.run.id), where).toEqual(walked.map((o) => o.run.id));
            expect(direct, `${where}, direct jump`).toEqual(runPageByScan(runs, now, { ...window, page, pageSize }));
            // Filtered pages walk: by user, and by observed status.
            const user = runs.at(Math.floor(users.next() * runs.length))?.user ?? '1';
            for (const filter of [{ userId: user }, { where: (o: ObservedRun) => o.status !== 'succeeded' }, { userId: user, where: (o: ObservedRun) => o.status === 'succeeded' }]) {
              const query = { ...window, ...filter, page: Math.floor(page / 2), pageSize };
              expect(runPage(runs, now, query), `${where} ${JSON.stringify(query)}${'where' in filter ? ' (by status)' : ''}, walk`).toEqual(runPageByScan(runs, now, query));
            }
          }
        }
      }
    }
  });
});
