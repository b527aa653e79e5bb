/**
 * OnePin `GET /api/v1/workflows/{workflow_id}/runs/summary` (specs/onepin.yaml): run counts by observed
 * status, pass rate and mean duration of one workflow over a `created_at` window. Checks in the order
 * the spec documents: bearer token (401), X-Workspace-Id (403), parameters (422), workflow (404).
 */
import { flowStatusSummary, type StatusSummary } from '../../domain/analytics/status-summary.ts';
import type { Flow } from '../../domain/records.ts';
import { RUN_STATUSES, STATUS_VOCABULARY, type OnePinStatus } from '../../domain/status.ts';
import type { WorkspaceRecords } from '../../domain/store/dataset.ts';
import type { components } from '../../generated/onepin.ts';
import { ApiFailure } from '../shared/api-failure.ts';
import { authenticate } from '../shared/authenticate.ts';
import type { HandlerContext, VendorApi } from '../shared/vendor-router.ts';
import { onepinError } from './errors.ts';
import { readSummaryRequest } from './summary-request.ts';

type RunsSummaryResponse = components['schemas']['RunsSummaryResponse'];
type RunsSummaryOut = components['schemas']['RunsSummaryOut'];

function runsSummary({ req, op, state, requestId, now }: HandlerContext): RunsSummaryResponse {
  const workspace = authenticate(req, state);
  const request = readSummaryRequest(op, req);
  if (request.workspaceId !== undefined && request.workspaceId !== workspace.workspace.id) {
    throw new ApiFailure('forbidden', "X-Workspace-Id does not match the API key's workspace.");
  }
  if (request.problems.length > 0) throw new ApiFailure('invalid', 'Request validation failed.', request.problems);
  const flow = findFlow(workspace, request.workflowId);
  const runs = flow === undefined ? undefined : workspace.runsByFlow.get(flow.id);
  // Another workspace's flow is not in this one's map, and a flow created after now does not exist yet.
  if (flow === undefined || runs === undefined || flow.createdAt > now) throw new ApiFailure('not-found', 'Workflow not found.');
  return {
    data: toRunsSummaryOut(flowStatusSummary(workspace, flow.id, now, request.window)),
    meta: { request_id: requestId, timestamp: new Date(now).toISOString() },
  };
}

/**
 * The flow a valid UUID names. The vendor reads the id as a UUID, so `F0…` and `urn:uuid:f0…` name the
 * same workflow as `f0…`; scenario ids are kept as written, hence the exact match first.
 */
function findFlow(workspace: WorkspaceRecords, workflowId: string): Flow | undefined {
  return workspace.flows.get(workflowId) ?? workspace.flows.get(workflowId.replace(/^urn:uuid:/i, '').toLowerCase());
}

/** Canonical counts folded into OnePin's six statuses through the one vocabulary table. */
function toRunsSummaryOut(summary: StatusSummary): RunsSummaryOut {
  const counts: Record<OnePinStatus, number> = { pending: 0, running: 0, paused: 0, completed: 0, failed: 0, cancelled: 0 };
  for (const status of RUN_STATUSES) counts[STATUS_VOCABULARY[status].onepin] += summary.counts[status];
  const meanMs = summary.meanSucceededDurationMs;
  return {
    total_runs: counts.pending + counts.running + counts.paused + counts.completed + counts.failed + counts.cancelled,
    ...counts,
    pass_rate: summary.passRate,
    average_duration_seconds: meanMs === null ? null : meanMs / 1000,
  };
}

export const onepinApi: VendorApi = {
  name: 'onepin',
  spec: 'onepin',
  handlers: { runs_summary_api_v1_workflows__workflow_id__runs_summary_get: runsSummary },
  toErrorResponse: onepinError,
};
