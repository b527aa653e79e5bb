/**
 * Generation picks a run's flow among those created by then (src/domain/scenario/generate/planned-runs.ts):
 * the pointer that follows runs in creation order must say what the plain rule, a binary search, says.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../src/domain/records.ts';
import { EligibleFlowsInOrder, eligibleFlows } from '../../src/domain/scenario/generate/planned-runs.ts';

const flowAt = (createdAt: number) => ({ flow: { createdAt } as Flow });

describe('the flows a generated run may belong to', () => {
  it('are the same through the pointer as through the rule, for instants asked in order', () => {
    const times = fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 40 });
    fc.assert(fc.property(times, times, (flowTimes, runTimes) => {
      const flows = [...flowTimes].sort((a, b) => a - b).map(flowAt);
      const inOrder = new EligibleFlowsInOrder(flows);
      for (const at of [...runTimes].sort((a, b) => a - b)) expect(inOrder.at(at)).toBe(eligibleFlows(flows, at));
    }), { numRuns: 1000 });
  });

  it('are at least the first flow, even before any was created', () => {
    const flows = [flowAt(10), flowAt(20)];
    expect([eligibleFlows(flows, 5), new EligibleFlowsInOrder(flows).at(5)]).toEqual([1, 1]);
    expect(eligibleFlows(flows, 20)).toBe(2);
  });
});
