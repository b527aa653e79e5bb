/**
 * A page of a flow's runs, newest first (StackAI's run list, docs/apis.md#stackai): created within
 * the window, matching the filters, ordered by createdAt descending then id ascending, page 0-based.
 */
import { observe, type ObservedRun } from '../observed-status.ts';
import type { Millis, Run } from '../records.ts';
import { NONE } from '../store/run-table.ts';
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
  const table = flowRuns.table;
  // Users are compared by their index in the table's pool; a user no run names matches none.
  const user = userId === undefined ? undefined : table.pools.users.find(userId);
  if (user === NONE) return items;
  let matched = 0;
  // Walk backwards one createdAt at a time; inside a group of equal createdAt, ids go ascending.
  let groupEnd = end;
  while (groupEnd > start && items.length < pageSize) {
    const createdAt = flowRuns.createdAtAt(groupEnd - 1);
    let groupStart = groupEnd - 1;
    while (groupStart > start && flowRuns.createdAtAt(groupStart - 1) === createdAt) groupStart--;
    for (let i = groupStart; i < groupEnd && items.length < pageSize; i++) {
      if (user !== undefined && table.user[flowRuns.rowAt(i)] !== user) continue;
      const observed = observe(flowRuns.at(i) as Run, now) as ObservedRun;
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
  const createdAt = flowRuns.createdAtAt(position);
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
    const nextCreatedAt = flowRuns.createdAtAt(position);
    groupEnd = groupStart;
    groupStart = Math.max(start, flowRuns.firstAtOrAfter(nextCreatedAt));
    index = groupStart;
  }
  return items;
}
