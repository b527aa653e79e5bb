/**
 * The rule of StackAI's run list (docs/apis.md#stackai), written as a plain scan to check `runPage`
 * against: take every run of the flow created in the window (both ends inclusive, a missing end open)
 * and at or before now, seen as observed at now; keep those of `userId` (when given; a run without a
 * user never matches) and those `where` accepts (when given, judged on the observed run); order them by
 * createdAt descending, then id ascending; page `page` (0-based) is the `pageSize` runs after the first
 * page × pageSize, empty past the end.
 */
import { observe, type ObservedRun } from '../observed-status.ts';
import type { Millis } from '../records.ts';
import type { SortedRuns } from '../store/sorted-runs.ts';
import type { RunPageQuery } from './run-pages.ts';

/** `runPage`, by a scan of every run of the flow, sorted afterwards: its reference (test/domain/run-pages.test.ts, aggregates-match-scans.test.ts). */
export function runPageByScan(flowRuns: SortedRuns, now: Millis, query: RunPageQuery): ObservedRun[] {
  const { from, to, userId, where, page, pageSize } = query;
  const matching: ObservedRun[] = [];
  for (const run of flowRuns) {
    if (from !== undefined && run.createdAt < from) continue;
    if (to !== undefined && run.createdAt > to) continue;
    const observed = observe(run, now);
    if (observed === null) continue; // created after now
    if (userId !== undefined && run.user !== userId) continue;
    if (where !== undefined && !where(observed)) continue;
    matching.push(observed);
  }
  matching.sort((a, b) => b.run.createdAt - a.run.createdAt || (a.run.id < b.run.id ? -1 : a.run.id > b.run.id ? 1 : 0));
  return matching.slice(page * pageSize, (page + 1) * pageSize);
}
