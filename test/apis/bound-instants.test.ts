/**
 * The window bounds of OnePin and StackAI read through src/lib/instant.ts, each with the forms its vendor
 * adds: OnePin an offset of hours alone, StackAI a date alone and any whitespace between date and time.
 */
import { describe, expect, it } from 'vitest';
import { isNaiveDateTime, parseOffsetDateTime } from '../../src/apis/onepin/instant.ts';
import { instantOf } from '../../src/apis/stackai/query-dates.ts';

const AT = Date.UTC(2026, 5, 3, 9, 30, 15, 250);

describe('OnePin from/to', () => {
  it.each([
    '2026-06-03T09:30:15.250Z',
    '2026-06-03t09:30:15.250z',
    '2026-06-03 09:30:15.250Z',
    '2026-06-03T11:30:15.250+02:00',
    '2026-06-03T11:30:15.250+0200',
    '2026-06-03T11:30:15.250+02',
    '2026-06-03T04:30:15.250999-05',
  ])('reads %j', (text) => {
    expect(parseOffsetDateTime(text)).toBe(AT);
  });

  it.each([
    ['a leap second', '2016-12-31T23:59:60Z'],
    ['a tab between date and time', '2026-06-03\t09:30:15Z'],
    ['a date alone', '2026-06-03'],
    ['no offset', '2026-06-03T09:30:15'],
    ['30 February', '2024-02-30T00:00:00Z'],
    ['offset hours 24', '2026-06-03T09:30:15+24'],
  ])('refuses %s', (_, text) => {
    expect(parseOffsetDateTime(text)).toBeUndefined();
  });

  it('tells a naive date-time from other text', () => {
    expect(isNaiveDateTime('2026-06-03T09:30:15')).toBe(true);
    expect(isNaiveDateTime('2026-06-03T09:30')).toBe(true);
    expect(isNaiveDateTime('2026-06-03T09:30:15Z')).toBe(false);
    expect(isNaiveDateTime('2026-06-03')).toBe(false);
  });
});

describe('StackAI start_date/end_date', () => {
  it.each([
    ['2026-06-03T09:30:15.250Z', AT],
    ['2026-06-03 09:30:15.250Z', AT],
    ['2026-06-03\t09:30:15.250Z', AT],
    ['2026-06-03\n09:30:15.250Z', AT],
    ['2026-06-03T11:30:15.250+02:00', AT],
    ['2026-06-03T11:30:15.250+0200', AT],
    ['2026-06-03', Date.UTC(2026, 5, 3)],
    ['2024-02-29', Date.UTC(2024, 1, 29)],
    ['0050-01-01', Date.parse('0050-01-01T00:00:00Z')],
  ])('reads %j', (text, expected) => {
    expect(instantOf(text)).toBe(expected);
  });

  it.each([
    ['a leap second', '2016-12-31T23:59:60Z'],
    ['an offset of hours alone', '2026-06-03T11:30:15+02'],
    ['29 February of a common year', '2026-02-29'],
    ['month 13', '2026-13-01'],
    ['no offset', '2026-06-03T09:30:15'],
    ['a tab and no time', '2026-06-03\t'],
  ])('refuses %s', (_, text) => {
    expect(instantOf(text)).toBeUndefined();
  });
});
