/**
 * A build adds generated runs as they are written (src/domain/scenario/build.ts), merged with the explicit
 * runs of their workspace: whatever the points at which the writer says how far it got, even in the middle
 * of runs created at the same millisecond, every run is added once and every list comes out in
 * (createdAt, id) order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from '../../src/domain/random.ts';
import { buildDataset, type RunsWriter } from '../../src/domain/scenario/build.ts';
import type { ScenarioDocument } from '../../src/domain/scenario/document.ts';
import type { RunsPlan } from '../../src/domain/scenario/generate/planned-runs.ts';
import type { Run } from '../../src/domain/records.ts';
import { NONE, TRIGGER_INDEX, type RunTable } from '../../src/domain/store/run-table.ts';
import { compareRuns } from '../../src/domain/store/sorted-runs.ts';
import { STATUS_INDEX } from '../../src/domain/status.ts';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const WS = '7e5a3c1f-9d2b-4e8a-b6c4-2f0e8d6a4c29';
const FLOW = '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';

/** A writer that writes the plan's rows with its own instants (a few distinct ones: many ties), telling its progress at `steps`. */
function tieWriter(instants: readonly number[], steps: readonly number[]): RunsWriter {
  return {
    sharesColumnsFor: () => false,
    write(plan: RunsPlan, table: RunTable) {
      return (function* () {
        const random = new Random('ties');
        const sorted = [...instants].sort((a, b) => a - b);
        let written = 0;
        for (const step of [...steps, plan.count]) {
          const upTo = Math.min(plan.count, written + step);
          for (; written < upTo; written++) writeRow(table, plan, plan.first + written, sorted[written % sorted.length]!, random);
          if (written > 0) yield written;
          if (written === plan.count) return;
        }
      })();
    },
  };
}

function writeRow(table: RunTable, plan: RunsPlan, row: number, createdAt: number, random: Random): void {
  random.uuidWords(table.ids.words, row * 4);
  table.workspace[row] = plan.workspace;
  table.flow[row] = plan.profiles[0]!.flowIndex;
  table.user[row] = NONE;
  table.status[row] = STATUS_INDEX.succeeded;
  table.createdAt[row] = createdAt;
  table.startedAt[row] = createdAt + 10;
  table.finishedAt[row] = createdAt + 20;
  table.resumed[row] = 0;
  table.setAppActions(row, 1);
  table.setTokens(row, 0);
  table.trigger[row] = TRIGGER_INDEX.api;
  table.source[row] = plan.sources[0]!;
  table.error[row] = NONE;
}

function scenario(count: number, explicitAt: readonly number[]): ScenarioDocument {
  return {
    version: 1, name: 'ties', seed: 7, workspaces: [{
      id: WS, name: 'Ties', tokens: ['fm_ties_0000000000000000'],
      flows: [{ id: FLOW, kind: 'workflow', name: 'Flow', createdAt: '2026-01-01T00:00:00Z', createdBy: '1000' }],
      users: [{ id: '1000', name: 'A', email: 'a@example.com' }],
      runs: explicitAt.map((at, i) => ({ id: `explicit-${i}`, flow: FLOW, status: 'succeeded', createdAt: new Date(at).toISOString() })),
      generate: { runs: count, workflows: 1, days: 30 },
    }],
  } as ScenarioDocument;
}

describe('a build adding runs as they are written', () => {
  it('keeps every list in (createdAt, id) order wherever the writer tells its progress', () => {
    const base = NOW - 86_400_000;
    const instant = fc.integer({ min: 0, max: 6 }).map((k) => base + k * 1000);
    fc.assert(fc.property(
      fc.array(instant, { minLength: 1, maxLength: 8 }),
      fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 10 }),
      fc.array(instant, { maxLength: 6 }),
      fc.integer({ min: 1, max: 300 }),
      (instants, steps, explicitAt, count) => {
        const dataset = buildDataset(scenario(count, explicitAt), { now: NOW, runsWriter: tieWriter(instants, steps) });
        const ws = dataset.workspace(WS)!;
        const runs: Run[] = [...ws.runs];
        expect(runs).toHaveLength(count + explicitAt.length);
        expect(runs.map((run) => run.id)).toEqual([...runs].sort(compareRuns).map((run) => run.id));
        const flowRuns = [...ws.runsByFlow.values()].flatMap((list) => [...list]);
        expect(flowRuns.map((run) => run.id).sort()).toEqual(runs.map((run) => run.id).sort());
        for (const list of ws.runsByFlow.values()) {
          const ids = [...list].map((run) => run.id);
          expect(ids).toEqual([...list].sort(compareRuns).map((run) => run.id));
        }
      },
    ), { numRuns: 300 });
  });
});
