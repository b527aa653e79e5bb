/**
 * B3OS `GET /v1/executions/stats` (specs/b3os.yaml): an organisation's execution statistics over a
 * window of creation times. The spec documents no check order; ours: bearer token (401), then
 * `X-Org-ID` against the token's workspace (403), then the query (400, every problem at once).
 */
import { executionStats } from '../../domain/analytics/execution-stats.ts';
import { ApiFailure } from '../shared/api-failure.ts';
import { authenticate } from '../shared/authenticate.ts';
import type { SerializedJson } from '../../core/serialized-json.ts';
import type { HandlerContext, VendorApi } from '../shared/vendor-router.ts';
import { b3osError } from './errors.ts';
import { invalidQueryMessage, parseStatsQuery } from './stats-query.ts';
import { executionStatsAnswer } from './stats-view.ts';

function getExecutionStats({ req, op, state, requestId, now }: HandlerContext): SerializedJson {
  // Parsed first but judged last: who asks matters before what they ask.
  const { query, orgId, problems } = parseStatsQuery(op, req);
  const records = authenticate(req, state);
  // The organisation is the workspace; X-Org-ID is optional and only ever narrows to the key's own.
  if (orgId !== undefined && orgId !== records.workspace.id) {
    throw new ApiFailure('forbidden', 'API key does not have access to this organization', [
      { in: 'header', name: 'X-Org-ID', path: [], keyword: 'organization', message: "is not the API key's organization", value: orgId },
    ]);
  }
  if (query === undefined) throw new ApiFailure('invalid', invalidQueryMessage(problems), problems);
  const stats = executionStats(records, now, query.from, query.to, query.bucket);
  return executionStatsAnswer(stats, query.granularity, requestId);
}

export const b3osApi: VendorApi = {
  name: 'b3os',
  spec: 'b3os',
  handlers: { getExecutionStats },
  toErrorResponse: b3osError,
};
