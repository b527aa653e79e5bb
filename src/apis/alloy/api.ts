/**
 * Alloy Embedded `GET /workflows/{workflowId}/analytics` (specs/alloy.yaml): lifetime totals of one
 * workflow. Checks in order: x-api-version (400), bearer token (401), workflow in the token's
 * workspace and created by now (404).
 */
import { lifetimeTotals } from '../../domain/analytics/lifetime-totals.ts';
import type { components } from '../../generated/alloy.ts';
import { ApiFailure } from '../shared/api-failure.ts';
import { authenticate } from '../shared/authenticate.ts';
import { parseParameters } from '../shared/request-parameters.ts';
import type { HandlerContext, VendorApi } from '../shared/vendor-router.ts';
import { alloyError } from './errors.ts';

type WorkflowAnalytics = components['schemas']['GetWorkflowAnalyticsResponseBody'];

export const API_VERSION = '2025-09';

function workflowAnalytics({ req, op, state, now }: HandlerContext): WorkflowAnalytics {
  const { values, problems } = parseParameters(op, req);
  const versionProblem = problems.find((p) => p.name === 'x-api-version');
  if (versionProblem !== undefined) {
    const message = versionProblem.keyword === 'required'
      ? `The x-api-version header is required. The current API version is ${API_VERSION}.`
      : `Unsupported x-api-version '${String(versionProblem.value)}'. The supported version is ${API_VERSION}.`;
    throw new ApiFailure('invalid', message, [versionProblem]);
  }
  const workspace = authenticate(req, state);
  const workflowId = String(values.workflowId);
  const flow = workspace.flows.get(workflowId);
  const runs = workspace.runsByFlow.get(workflowId);
  if (flow === undefined || runs === undefined || flow.createdAt > now) {
    throw new ApiFailure('not-found', `Workflow ${workflowId} not found`);
  }
  const totals = lifetimeTotals(workspace, workflowId, now);
  return { totalAppActions: totals.appActions, totalWorkflowRuns: totals.runs, totalErrors: totals.failed };
}

export const alloyApi: VendorApi = {
  name: 'alloy',
  spec: 'alloy',
  handlers: { 'get-workflow-analytics': workflowAnalytics },
  toErrorResponse: alloyError,
};
