/**
 * The request journal's ring against the plain rule: a list of every entry recorded since the last clear,
 * of which the newest `capacity` are kept and the rest counted as dropped; ids keep increasing across
 * clears; a query reads the kept ones newest first, filtered.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RequestJournal, type JournalFilter, type RecordedRequest } from '../../src/core/request-journal.ts';

const entries: fc.Arbitrary<RecordedRequest> = fc.record({
  atMs: fc.integer({ min: 0, max: 4_102_444_800_000 }),
  clockMs: fc.integer({ min: 0, max: 4_102_444_800_000 }),
  api: fc.constantFrom('alloy', 'stackai', 'onepin', 'b3os', 'multiplai', 'admin', null),
  method: fc.constantFrom('GET', 'HEAD', 'POST', 'DELETE'),
  path: fc.constantFrom('/alloy/workflows/a/analytics', '/b3os/v1/executions/stats', '/__mock/clock', '/nothing'),
  query: fc.constantFrom('', 'page=2', 'token=abc&x=1', 'filters%5Bperiod%5D=7d'),
  status: fc.constantFrom(200, 201, 204, 400, 401, 404, 422, 500, 503),
  durationMs: fc.double({ min: 0, max: 10_000, noNaN: true }).map((ms) => Math.round(ms * 1000) / 1000),
  faultRule: fc.constantFrom(null, 'rule-1', 'slow'),
});

const filters: fc.Arbitrary<JournalFilter> = fc.record({
  api: fc.option(fc.subarray(['alloy', 'b3os', 'admin', 'null']), { nil: undefined }),
  method: fc.option(fc.subarray(['GET', 'POST']), { nil: undefined }),
  status: fc.option(fc.constantFrom('200', '4xx', '5XX', '404'), { nil: undefined }),
  path: fc.option(fc.constantFrom('/alloy', '/__mock', '/b3os/v1'), { nil: undefined }),
  since: fc.option(fc.integer({ min: 0, max: 4_102_444_800_000 }), { nil: undefined }),
  fault: fc.option(fc.boolean(), { nil: undefined }),
  limit: fc.integer({ min: 1, max: 30 }),
}, { requiredKeys: ['limit'] });

type Step = { kind: 'record'; entry: RecordedRequest } | { kind: 'clear' };
const steps: fc.Arbitrary<Step[]> = fc.array(
  fc.oneof({ weight: 12, arbitrary: entries.map((entry): Step => ({ kind: 'record', entry })) }, { weight: 1, arbitrary: fc.constant<Step>({ kind: 'clear' }) }),
  { maxLength: 60 },
);

/** The plain rule: every entry since the last clear, with its id. */
function model(stepList: readonly Step[], capacity: number) {
  let all: (RecordedRequest & { id: number })[] = [];
  let lastId = 0;
  for (const step of stepList) {
    if (step.kind === 'clear') all = [];
    else all.push({ ...step.entry, id: ++lastId });
  }
  return { kept: all.slice(-capacity).reverse(), dropped: Math.max(0, all.length - capacity) };
}

function plainMatch(entry: RecordedRequest, filter: JournalFilter): boolean {
  const status = String(entry.status);
  return (filter.api === undefined || filter.api.includes(String(entry.api)))
    && (filter.method === undefined || filter.method.includes(entry.method))
    && (filter.path === undefined || entry.path.startsWith(filter.path))
    && (filter.since === undefined || entry.atMs >= filter.since)
    && (filter.fault === undefined || (entry.faultRule !== null) === filter.fault)
    && (filter.status === undefined || (/^\dxx$/i.test(filter.status) ? status[0] === filter.status[0] : status === filter.status));
}

describe('the request journal', () => {
  it('keeps the newest entries up to its capacity, newest first, each as recorded, and counts the ones dropped', () => {
    fc.assert(fc.property(steps, fc.integer({ min: 1, max: 12 }), filters, (stepList, capacity, filter) => {
      const journal = new RequestJournal(capacity);
      for (const step of stepList) {
        if (step.kind === 'clear') journal.clear();
        else journal.record(step.entry);
      }
      const { kept, dropped } = model(stepList, capacity);
      expect(journal.dropped).toBe(dropped);
      const everything = journal.query({ limit: capacity });
      expect(everything.total).toBe(kept.length);
      expect(everything.entries.map((e) => [e.id, e.method, e.path, e.status, e.durationMs, e.api, e.faultRule, e.fault, Date.parse(e.at), Date.parse(e.clockNow)]))
        .toEqual(kept.map((e) => [e.id, e.method, e.path, e.status, e.durationMs, e.api, e.faultRule, e.faultRule !== null, e.atMs, e.clockMs]));
      const matching = kept.filter((entry) => plainMatch(entry, filter));
      const found = journal.query(filter);
      expect(found.total).toBe(matching.length);
      expect(found.entries.map((e) => e.id)).toEqual(matching.slice(0, filter.limit).map((e) => e.id));
    }), { numRuns: 500 });
  });

  it('shows an entry with its fields in the order the admin API has always given them', () => {
    const journal = new RequestJournal(4);
    journal.record({ atMs: 0, clockMs: 1000, api: 'alloy', method: 'GET', path: '/alloy/x', query: 'a=1', status: 200, durationMs: 1.5, faultRule: null });
    expect(Object.keys(journal.query({ limit: 1 }).entries[0] ?? {})).toEqual(['id', 'api', 'method', 'path', 'status', 'durationMs', 'at', 'clockNow', 'query', 'fault', 'faultRule']);
  });
});
