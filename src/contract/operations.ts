/** The one operation of each API the contract suite checks (its operationId in the spec). */
import type { ApiName } from '../apis.ts';

export const CONTRACT_OPERATIONS: Readonly<Record<ApiName, string>> = {
  alloy: 'get-workflow-analytics',
  stackai: 'getAnalyticsDataApi',
  onepin: 'runs_summary_api_v1_workflows__workflow_id__runs_summary_get',
  b3os: 'getExecutionStats',
  multiplai: 'getWorkspacesMetrics',
};
