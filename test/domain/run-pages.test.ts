/** Unfiltered pages jump straight to their first run; they must equal the walk that filtered pages take. */
import { describe, expect, it } from 'vitest';
import { runPage } from '../../src/domain/analytics/run-pages.ts';
import { MockState } from '../../src/domain/mock-state.ts';
import { Random } from '../../src/domain/random.ts';
import { loadScenarioFile } from '../../src/node/scenario-file.ts';

describe('run pages', () => {
  it('give the same runs by direct jump as by walking, ties and windows included', () => {
    const random = new Random('pages');
    for (const name of ['edge-cases', 'default']) {
      const state = new MockState({ scenario: loadScenarioFile(name).document, now: Date.parse('2027-01-05T12:00:00Z') });
      for (const ws of state.dataset.workspaces()) {
        for (const runs of ws.runsByFlow.values()) {
          for (let i = 0; i < 15; i++) {
            const pageSize = 1 + Math.floor(random.next() * 30);
            const page = Math.floor(random.next() * 8);
            const first = runs.at(Math.floor(random.next() * runs.length))?.createdAt;
            const window = random.chance(0.5) || first === undefined ? {} : { from: first - 3_600_000, to: first + 86_400_000 };
            const direct = runPage(runs, state.clock.now(), { ...window, page, pageSize }).map((o) => o.run.id);
            const walked = runPage(runs, state.clock.now(), { ...window, page, pageSize, where: () => true }).map((o) => o.run.id);
            expect(direct).toEqual(walked);
          }
        }
      }
    }
  });
});
