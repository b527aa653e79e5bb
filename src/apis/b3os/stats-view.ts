/**
 * The domain's execution statistics in B3OS's shape (`ExecutionStatsData`): canonical statuses become
 * B3OS's through STATUS_VOCABULARY, instants become ISO 8601 UTC with milliseconds.
 */
import type { ExecutionStats } from '../../domain/analytics/execution-stats.ts';
import type { ObservedRun } from '../../domain/observed-status.ts';
import { DAY, HOUR, type Millis } from '../../domain/records.ts';
import { STATUS_VOCABULARY } from '../../domain/status.ts';
import type { components } from '../../generated/b3os.ts';
import { isoInstant } from '../shared/iso-instant.ts';
import { SerializedJson } from '../shared/vendor-router.ts';
import { seriesJson } from './series-text.ts';
import type { B3osGranularity } from './stats-query.ts';

type ExecutionStatsData = components['schemas']['ExecutionStatsData'];
type GetExecutionStatsSuccessResponse = components['schemas']['GetExecutionStatsSuccessResponse'];
type RecentExecutionFailure = components['schemas']['RecentExecutionFailure'];

/** `YYYY-MM-DDTHH:mm:ss.sssZ` (the query caps instants at year 9999, so always four year digits). */
const iso = (at: Millis): string => isoInstant(at);

/**
 * The success answer as JSON bytes. Its time series is written by series-text.ts: at 721 hourly buckets,
 * an object per bucket for JSON.stringify cost more than computing the whole answer. The rest is
 * JSON.stringify's, with an empty series whose text is then replaced; `"timeSeries":[]` cannot occur
 * earlier in the text, since every `"` inside a JSON string is escaped.
 */
export function executionStatsAnswer(stats: ExecutionStats, granularity: B3osGranularity, requestId: string): SerializedJson {
  const answer: GetExecutionStatsSuccessResponse = { code: 200, data: statsDataExceptSeries(stats, granularity), message: 'success', requestId };
  const text = JSON.stringify(answer);
  const at = text.indexOf(EMPTY_SERIES);
  const { starts, outcomes } = stats.timeSeries;
  const series = seriesJson(starts, outcomes, granularity === 'hourly' ? HOUR : DAY);
  return new SerializedJson(Buffer.concat([Buffer.from(`${text.slice(0, at)}"timeSeries":`), ...series, Buffer.from(text.slice(at + EMPTY_SERIES.length))]));
}

const EMPTY_SERIES = '"timeSeries":[]';

/** B3OS's `ExecutionStatsData` but its time series, left empty (executionStatsAnswer writes it as text). */
export function statsDataExceptSeries(stats: ExecutionStats, granularity: B3osGranularity): ExecutionStatsData & { timeSeries: [] } {
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
    timeSeries: [],
    recentFailures: stats.recentFailures.map(recentFailure),
  };
}

function recentFailure({ run, status, finishedAt }: ObservedRun): RecentExecutionFailure {
  return {
    executionId: run.id,
    runId: run.id,
    workflowId: run.flow,
    status: STATUS_VOCABULARY[status].b3os,
    statusReason: run.error,
    sourceSystem: run.sourceSystem,
    createdAt: iso(run.createdAt),
    // An observed failure has finished by now, so its finish is observable.
    finishedAt: iso(finishedAt as Millis),
  };
}
