/**
 * Multiplai `GET /api/v1/workspaces/metrics` (specs/multiplai.yaml): one metric of a workspace's agents or
 * workflows over a period, totalled and optionally grouped by user or date bucket. Checks in order
 * (spec, "Order of checks"): bearer token (401), the query (422), the workspace exists (404), it is the
 * token's (403). An identical query within 300 s of clock time is answered from the cache.
 */
import { effectiveOrder, TooManyBuckets, workspaceMetrics } from '../../domain/analytics/workspace-metrics.ts';
import type { MockState } from '../../domain/mock-state.ts';
import { ApiFailure } from '../shared/api-failure.ts';
import { authenticate } from '../shared/authenticate.ts';
import { SerializedJson } from '../../core/serialized-json.ts';
import type { HandlerContext, VendorApi } from '../shared/vendor-router.ts';
import { ClockCache } from './clock-cache.ts';
import { multiplaiError } from './errors.ts';
import { readMetricsQuery, type ValidQuery } from './metrics-request.ts';
import { METRICS_CACHE_TTL_MS, metricsParts, partsText, type MetricsParts } from './metrics-view.ts';



/**
 * A cached answer: the parts of its text (metrics-view.ts), and the text itself once it is answered from the
 * cache. An answer computed and never asked again keeps only its parts, which are mostly remembered row texts
 * shared with other answers; one asked again is kept as text, so later hits cost no join.
 */
interface CachedAnswer {
  readonly parts: MetricsParts;
  text: string | undefined;
}

/** Each state's cache: answers by workspace and normalised query, on its clock, emptied on reset. */
const caches = new WeakMap<MockState, ClockCache<CachedAnswer>>();

function metricsCache(state: MockState): ClockCache<CachedAnswer> {
  let cache = caches.get(state);
  if (cache === undefined) {
    const created = new ClockCache<CachedAnswer>(state.clock, { ttlMs: METRICS_CACHE_TTL_MS });
    state.onReset(() => created.clear());
    caches.set(state, (cache = created));
  }
  return cache;
}

function workspacesMetrics({ req, op, state, now }: HandlerContext): SerializedJson {
  const tokenWorkspace = authenticate(req, state);
  const query = readMetricsQuery(op, req);
  const workspace = state.dataset.workspace(query.workspaceUuid);
  if (workspace === undefined) throw new ApiFailure('not-found', 'Workspace not found');
  if (workspace !== tokenWorkspace) throw new ApiFailure('forbidden', 'This action is unauthorized.');

  const key = cacheKey(query);
  const cache = metricsCache(state);
  const cached = cache.get(key, now);
  if (cached !== undefined) {
    const answer = cached.value;
    answer.text ??= partsText(answer.parts);
    return new SerializedJson(answer.text);
  }

  let result: ReturnType<typeof workspaceMetrics>;
  try {
    result = workspaceMetrics(workspace, now, query.metrics);
  } catch (error) {
    if (!(error instanceof TooManyBuckets)) throw error;
    const message = `The granularity field is too fine for this period: ${error.message}.`;
    throw new ApiFailure('invalid', message, [{ in: 'query', name: 'granularity', path: [], keyword: 'buckets', message, value: query.echo.granularity }]);
  }
  const parts = metricsParts(query.echo, result, now);
  cache.set(key, { parts, text: undefined }, now);
  return new SerializedJson(partsText(parts));
}

/**
 * The workspace and the query normalised: defaults applied (period 30d, the effective ordering), the
 * parameter's source and `user_id`'s JSON type forgotten, and what cannot change the body dropped (the
 * ordering and limit without rows). Everything the body echoes (granularity as given) stays in.
 */
function cacheKey({ workspaceUuid, echo, metrics }: ValidQuery): string {
  const grouped = metrics.groupBy !== undefined;
  return JSON.stringify([
    workspaceUuid,
    echo.entity,
    echo.metric,
    echo.aggregation,
    echo.groupBy,
    echo.granularity,
    metrics.period,
    metrics.userId ?? null,
    grouped ? effectiveOrder(metrics) : null,
    grouped ? metrics.limit ?? null : null,
  ]);
}

export const multiplaiApi: VendorApi = {
  name: 'multiplai',
  spec: 'multiplai',
  handlers: { getWorkspacesMetrics: workspacesMetrics },
  toErrorResponse: multiplaiError,
};
