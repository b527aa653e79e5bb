/** Alloy `GET /workflows/{workflowId}/analytics`: lifetime totals (docs/apis.md#alloy). */
import { toCall } from '../baseline.ts';
import { standardAuthCases } from '../checks/auth.ts';
import { flowsToCheck, foreignFlow, UNKNOWN_FLOW_ID } from '../fixture-picks.ts';
import type { ContractApi } from './contract-api.ts';
import { CONTRACT_OPERATIONS } from '../operations.ts';

interface Totals { totalAppActions: number; totalWorkflowRuns: number; totalErrors: number }

const VERSION = { 'x-api-version': '2025-09' };

export const alloyContract: ContractApi = {
  name: 'alloy',
  operationId: CONTRACT_OPERATIONS.alloy,
  validationStatus: 400,

  baseline(ctx) {
    const flow = flowsToCheck(ctx.target, 1)[0];
    return flow === undefined ? undefined : { pathParams: { workflowId: flow.id }, query: {}, headers: VERSION };
  },

  extraNegatives(ctx, baseline) {
    const foreign = foreignFlow(ctx.target);
    return [
      { name: 'an unknown workflow', call: toCall(ctx.op, { ...baseline, pathParams: { workflowId: UNKNOWN_FLOW_ID } }), status: 404 },
      ...(foreign === undefined ? [] : [{ name: "another workspace's workflow", call: toCall(ctx.op, { ...baseline, pathParams: { workflowId: foreign.id } }), status: 404 }]),
    ];
  },

  authCases(ctx, baseline) {
    return standardAuthCases(toCall(ctx.op, baseline));
  },

  async semantics(ctx, baseline) {
    for (const flow of flowsToCheck(ctx.target)) {
      const call = toCall(ctx.op, { ...baseline, pathParams: { workflowId: flow.id } });
      await ctx.check('semantic', 'alloy.totals', async () => {
        const { request, response } = await ctx.call(call);
        if (!ctx.expect(response.status === 200, `analytics of workflow ${flow.id} answered ${response.status}, expected 200`, { request, actual: response.status })) return;
        const t = response.json as Totals;
        ctx.expect(t.totalErrors <= t.totalWorkflowRuns, `totalErrors (${t.totalErrors}) exceeds totalWorkflowRuns (${t.totalWorkflowRuns}) for workflow ${flow.id}: errors are failed runs, a subset of runs`, { request, actual: t });
        if (flow.runCount !== undefined) {
          ctx.expect(t.totalWorkflowRuns === flow.runCount, `totalWorkflowRuns is ${t.totalWorkflowRuns} but the target's fixtures list ${flow.runCount} visible runs for workflow ${flow.id}`, { request, expected: flow.runCount, actual: t.totalWorkflowRuns });
        }
      });
    }
    await ctx.check('semantic', 'alloy.stable', async () => {
      const call = toCall(ctx.op, baseline);
      const first = await ctx.call(call);
      const second = await ctx.call(call);
      ctx.expect(JSON.stringify(first.response.json) === JSON.stringify(second.response.json), 'two identical requests gave different totals with nothing changed in between', { request: first.request, expected: first.response.json, actual: second.response.json });
    });
  },
};

