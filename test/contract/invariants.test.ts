/** The calendar the invariants judge labels by, and the invariants' list as the docs give it. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bucketLabels, isoWeekLabel } from '../../src/contract/invariants/calendar.ts';
import { responseInvariants } from '../../src/contract/invariants/response-invariants.ts';
import { INVARIANTS } from '../../src/contract/invariants/run-invariants.ts';

const at = (date: string) => Date.parse(`${date}T12:00:00Z`);

describe('ISO 8601 weeks', () => {
  it.each([
    ['2026-12-28', '2026-53'], ['2027-01-01', '2026-53'], ['2027-01-03', '2026-53'], ['2027-01-04', '2027-01'],
    ['2025-12-29', '2026-01'], ['2024-12-30', '2025-01'], ['2021-01-03', '2020-53'], ['2026-11-20', '2026-47'],
  ])('%s is in week %s', (date, week) => expect(isoWeekLabel(at(date))).toBe(week));

  it('label every week and month a period touches, once, ascending', () => {
    expect(bucketLabels('2026-12-30', '2027-01-05', 'weekly')).toEqual(['2026-53', '2027-01']);
    expect(bucketLabels('2026-12-30', '2027-01-05', 'monthly')).toEqual(['2026-12', '2027-01']);
    expect(bucketLabels('2026-11-14', '2026-11-20', 'daily')).toHaveLength(7);
  });
});

describe('response invariants', () => {
  it('name the ISO week a Sunday-based label should have been', () => {
    const body = {
      data: { entity: 'agents', metric: 'executions', aggregation: 'count', group_by: 'date', granularity: 'weekly', total: 0, results: [{ date: '2026-45', value: 0 }, { date: '2026-46', value: 0 }] },
      meta: { period: { from: '2026-11-14', to: '2026-11-20' }, cached_at: '2026-11-20T12:00:00.000Z', cache_ttl: 300, unit: null },
    };
    expect(responseInvariants('multiplai', { group_by: 'date', granularity: 'weekly', filters: { period: '7d' } }, body, at('2026-11-20')).map((p) => p.check)).toEqual(['multiplai.iso-week-labels']);
  });
});

describe('the invariants', () => {
  it('are each listed in docs/contract-suite.md with their rule', () => {
    const docs = readFileSync(new URL('../../docs/contract-suite.md', import.meta.url), 'utf8');
    for (const invariant of INVARIANTS) {
      expect(docs).toContain(`\`${invariant.check}\``);
      expect(docs).toContain(invariant.rule);
    }
  });
});
