/**
 * A page of a flow's runs, newest first (StackAI's run list, docs/apis.md#stackai): created within
 * the window, matching the filters, ordered by createdAt descending then id ascending, page 0-based.
 */
import { observe, type ObservedRun } from '../observed-status.ts';
import type { Millis, Run } from '../records.ts';
import type { SortedRuns } from '../store/sorted-runs.ts';
import type { CreatedWindow } from './visible-runs.ts';

export interface RunPageQuery extends CreatedWindow {
  readonly userId?: string | undefined;
  /** Keeps the runs it returns true for (e.g. a set of vendor states). */
  readonly where?: ((observed: ObservedRun) => boolean) | undefined;
  readonly page: number;
  readonly pageSize: number;
}

/**
 * Unfiltered, a direct jump to the page's first run; filtered, a walk from the newest run.
 * The rule written plainly, which this must equal: `runPageByScan` (run-pages.reference.ts).
 */
export function runPage(flowRuns: SortedRuns, now: Millis, query: RunPageQuery): ObservedRun[] {
  const { from, to, userId, where, page, pageSize } = query;
  const { start, end } = flowRuns.window(from ?? Number.NEGATIVE_INFINITY, Math.min(to ?? Number.POSITIVE_INFINITY, now));
  const skip = page * pageSize;
  if (userId === undefined && where === undefined) return unfilteredPage(flowRuns, now, start, end, skip, pageSize);
  const items: ObservedRun[] = [];
  let matched = 0;
  // Walk backwards one createdAt at a time; inside a group of equal createdAt, ids go ascending.
  let groupEnd = end;
  while (groupEnd > start && items.length < pageSize) {
    const createdAt = (flowRuns.at(groupEnd - 1) as Run).createdAt;
    let groupStart = groupEnd - 1;
    while (groupStart > start && (flowRuns.at(groupStart - 1) as Run).createdAt === createdAt) groupStart--;
    for (let i = groupStart; i < groupEnd && items.length < pageSize; i++) {
      const run = flowRuns.at(i) as Run;
      if (userId !== undefined && run.user !== userId) continue;
      const observed = observe(run, now) as ObservedRun;
      if (where !== undefined && !where(observed)) continue;
      if (matched++ >= skip) items.push(observed);
    }
    groupEnd = groupStart;
  }
  return items;
}

/**
 * Without filters, the k-th run of the newest-first order is found directly: from the end, runs come in
 * groups of equal createdAt, each group in ascending id order. Deep pages cost a binary search, not a walk.
 */
function unfilteredPage(flowRuns: SortedRuns, now: Millis, start: number, end: number, skip: number, pageSize: number): ObservedRun[] {
  const items: ObservedRun[] = [];
  if (skip >= end - start) return items;
  // The group holding the (skip)-th run from the end.
  let position = end - 1 - skip;
  const createdAt = (flowRuns.at(position) as Run).createdAt;
  let groupStart = Math.max(start, flowRuns.firstAtOrAfter(createdAt));
  let groupEnd = Math.min(end, flowRuns.endAtOrBefore(createdAt));
  // Runs before this group in newest-first order: everything after it.
  let index = groupStart + (skip - (end - groupEnd));
  while (items.length < pageSize) {
    items.push(observe(flowRuns.at(index) as Run, now) as ObservedRun);
    index++;
    if (index < groupEnd) continue;
    // Next group: the one just before this group.
    if (groupStart <= start) break;
    position = groupStart - 1;
    const nextCreatedAt = (flowRuns.at(position) as Run).createdAt;
    groupEnd = groupStart;
    groupStart = Math.max(start, flowRuns.firstAtOrAfter(nextCreatedAt));
    index = groupStart;
  }
  return items;
}
