/**
 * The domain's execution statistics in B3OS's shape (`ExecutionStatsData`): canonical statuses become
 * B3OS's through STATUS_VOCABULARY, instants become ISO 8601 UTC with milliseconds.
 */
import type { ExecutionStats } from '../../domain/analytics/execution-stats.ts';
import { STATUS_VOCABULARY } from '../../domain/status.ts';
import type { components } from '../../generated/b3os.ts';
import { SerializedJson, utf8 } from '../../core/serialized-json.ts';
import { recentFailuresJson } from './failures-text.ts';
import { seriesJson } from './series-text.ts';
import type { B3osGranularity } from './stats-query.ts';

type ExecutionStatsData = components['schemas']['ExecutionStatsData'];

/** `ExecutionStatsData` up to its time series: what JSON.stringify writes of the answer. */
export type StatsOverview = Omit<ExecutionStatsData, 'timeSeries' | 'recentFailures'>;

/**
 * The success answer (the spec's `GetExecutionStatsSuccessResponse`) as pieces of JSON bytes, in the order
 * of the object form: the envelope and the overview by JSON.stringify, then the time series from
 * series-text.ts (at 721 hourly buckets an object per bucket for JSON.stringify cost more than computing
 * the whole answer) and the recent failures from failures-text.ts, both largely remembered bytes. The
 * envelope's two ends are made for this answer only, so they stay text.
 */
export function executionStatsAnswer(stats: ExecutionStats, granularity: B3osGranularity, requestId: string): SerializedJson {
  const overview = JSON.stringify(statsOverview(stats, granularity));
  return new SerializedJson([
    `{"code":200,"data":${overview.slice(0, -1)},"timeSeries":`,
    ...seriesJson(stats.timeSeries),
    RECENT_FAILURES,
    ...recentFailuresJson(stats.recentFailures),
    `},"message":"success","requestId":${JSON.stringify(requestId)}}`,
  ]);
}

const RECENT_FAILURES = utf8(',"recentFailures":');

export function statsOverview(stats: ExecutionStats, granularity: B3osGranularity): StatsOverview {
  const { counts } = stats;
  return {
    granularity,
    summary: {
      total: stats.total,
      succeeded: counts.succeeded,
      failed: counts.failed,
      cancelled: counts.cancelled,
      terminal: stats.terminal,
      inProgress: stats.total - stats.terminal,
      successRate: stats.successRatePercent,
      averageDurationMs: stats.meanTerminalDurationMs,
    },
    // Canonical order is the order of B3OS's enum, so mapping keeps it.
    statuses: stats.statuses.map(({ status, count }) => ({ status: STATUS_VOCABULARY[status].b3os, count })),
    sourceSystems: stats.sourceSystems.map(({ sourceSystem, total, succeeded, failed, cancelled }) => ({ sourceSystem, total, succeeded, failed, cancelled })),
  };
}
