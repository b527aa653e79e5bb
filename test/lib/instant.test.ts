import { fullFormats } from 'ajv-formats/dist/formats.js';
import { describe, expect, it } from 'vitest';
import { daysInMonth, parseInstant } from '../../src/lib/instant.ts';

/** A small seeded generator (mulberry32), so that a failure replays. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

describe('parseInstant accepts', () => {
  it.each([
    ['2026-01-02T03:04:05Z', Date.UTC(2026, 0, 2, 3, 4, 5)],
    ['2026-01-02t03:04:05z', Date.UTC(2026, 0, 2, 3, 4, 5)],
    ['2026-01-02 03:04:05Z', Date.UTC(2026, 0, 2, 3, 4, 5)],
    ['2026-01-02T03:04:05.1Z', Date.UTC(2026, 0, 2, 3, 4, 5, 100)],
    ['2026-01-02T03:04:05.12Z', Date.UTC(2026, 0, 2, 3, 4, 5, 120)],
    ['2026-01-02T03:04:05.123Z', Date.UTC(2026, 0, 2, 3, 4, 5, 123)],
    ['2026-01-02T03:04:05.123999999Z', Date.UTC(2026, 0, 2, 3, 4, 5, 123)], // cut, not rounded
    ['2026-01-02T03:04:05.000000001Z', Date.UTC(2026, 0, 2, 3, 4, 5)],
    ['2026-01-02T05:04:05+02:00', Date.UTC(2026, 0, 2, 3, 4, 5)],
    ['2026-01-02T05:04:05+0200', Date.UTC(2026, 0, 2, 3, 4, 5)],
    ['2026-01-01T22:04:05-05:00', Date.UTC(2026, 0, 2, 3, 4, 5)],
    ['2026-01-02T08:34:05+05:30', Date.UTC(2026, 0, 2, 3, 4, 5)],
    ['2026-01-02T03:04:05-00:00', Date.UTC(2026, 0, 2, 3, 4, 5)],
    ['2026-01-02T03:04:05+23:59', Date.UTC(2026, 0, 2, 3, 4, 5) - (23 * 60 + 59) * 60_000],
    ['2026-12-31T23:59:59.999Z', Date.UTC(2026, 11, 31, 23, 59, 59, 999)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)], // leap year
    ['2000-02-29T00:00:00Z', Date.UTC(2000, 1, 29)], // divisible by 400
    ['1970-01-01T00:00:00Z', 0],
    ['1969-12-31T23:59:59.999Z', -1],
    ['0000-01-01T00:00:00Z', Date.parse('0000-01-01T00:00:00Z')],
    ['0000-02-29T00:00:00Z', Date.parse('0000-02-29T00:00:00Z')], // year 0 is a leap year
    ['0099-12-31T23:59:59Z', Date.parse('0099-12-31T23:59:59Z')], // not 1999, as Date.UTC would read it
    ['9999-12-31T23:59:59.999+00:00', Date.parse('9999-12-31T23:59:59.999Z')],
  ])('%s', (text, expected) => {
    expect(parseInstant(text)).toBe(expected);
  });
});

describe('parseInstant refuses', () => {
  it.each([
    ['a leap second', '2016-12-31T23:59:60Z'],
    ['a leap second with a fraction', '2016-12-31T23:59:60.5Z'],
    ['a leap second in another zone', '2017-01-01T00:59:60+01:00'],
    ['second 61', '2026-01-01T00:00:61Z'],
    ['minute 60', '2026-01-01T00:60:00Z'],
    ['hour 24', '2026-01-01T24:00:00Z'],
    ['month 0', '2026-00-01T00:00:00Z'],
    ['month 13', '2026-13-01T00:00:00Z'],
    ['day 0', '2026-01-00T00:00:00Z'],
    ['day 32', '2026-01-32T00:00:00Z'],
    ['30 February', '2024-02-30T00:00:00Z'],
    ['29 February of a common year', '2026-02-29T00:00:00Z'],
    ['29 February of a century', '1900-02-29T00:00:00Z'],
    ['31 April', '2026-04-31T00:00:00Z'],
    ['31 June', '2026-06-31T00:00:00Z'],
    ['31 September', '2026-09-31T00:00:00Z'],
    ['31 November', '2026-11-31T00:00:00Z'],
    ['offset hours 24', '2026-01-01T00:00:00+24:00'],
    ['offset minutes 60', '2026-01-01T00:00:00+05:60'],
    ['no offset', '2026-01-01T00:00:00'],
    ['no seconds', '2026-01-01T00:00Z'],
    ['a date alone', '2026-01-01'],
    ['an offset of hours alone', '2026-01-01T00:00:00+05'],
    ['an offset of three digits', '2026-01-01T00:00:00+053'],
    ['an offset with seconds', '2026-01-01T00:00:00+05:30:00'],
    ['a tab between date and time', '2026-01-01\t00:00:00Z'],
    ['an underscore between date and time', '2026-01-01_00:00:00Z'],
    ['a dot without digits', '2026-01-01T00:00:00.Z'],
    ['a comma fraction', '2026-01-01T00:00:00,5Z'],
    ['text after the offset', '2026-01-01T00:00:00Zx'],
    ['two offsets', '2026-01-01T00:00:00Z+01:00'],
    ['a space before', ' 2026-01-01T00:00:00Z'],
    ['a space after', '2026-01-01T00:00:00Z '],
    ['a newline after', '2026-01-01T00:00:00Z\n'],
    ['a five-digit year', '+02026-01-01T00:00:00Z'],
    ['a short year', '226-01-01T00:00:00Z'],
    ['one-digit fields', '2026-1-1T0:0:0Z'],
    ['slashes', '2026/01/01T00:00:00Z'],
    ['non-ASCII digits', '２０２６-01-01T00:00:00Z'],
    ['the empty string', ''],
    ['words', 'yesterday'],
  ])('%s: %j', (_, text) => {
    expect(parseInstant(text)).toBeUndefined();
  });
});

describe('parseInstant against other readers', () => {
  it('gives what Date.parse gives for the same instant written canonically, for random valid fields', () => {
    const random = seeded(3);
    const int = (max: number) => Math.floor(random() * max);
    for (let round = 0; round < 20_000; round++) {
      const year = round % 10 === 0 ? int(200) : 1600 + int(1000);
      const month = 1 + int(12);
      const day = 1 + int(daysInMonth(year, month));
      const [hour, minute, second, ms] = [int(24), int(60), int(60), int(1000)];
      const offsetHours = int(24);
      const offsetMinutes = int(60);
      const sign = random() < 0.5 ? '+' : '-';
      const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
      const time = `${pad(hour)}:${pad(minute)}:${pad(second)}`;
      const canonical = `${date}T${time}.${pad(ms, 3)}${sign}${pad(offsetHours)}:${pad(offsetMinutes)}`;
      const expected = Date.parse(canonical);
      expect(parseInstant(canonical), canonical).toBe(expected);
      // The same instant with a space, microseconds (cut to ms) and a basic offset.
      const variant = `${date} ${time}.${pad(ms, 3)}${pad(int(1000), 3)}${sign}${pad(offsetHours)}${pad(offsetMinutes)}`;
      expect(parseInstant(variant), variant).toBe(expected);
      const utc = new Date(expected).toISOString();
      if (/^\d{4}-/.test(utc)) expect(parseInstant(utc), utc).toBe(expected);
    }
  });

  it('accepts what ajv-formats\' date-time accepts, but for a leap second, an hour-only offset and other whitespace', () => {
    const ajvDateTime = fullFormats['date-time'] as { validate: (text: string) => boolean };
    const random = seeded(4);
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const twoDigits = () => pad(Math.floor(random() * 100));
    let accepted = 0;
    for (let round = 0; round < 50_000; round++) {
      let text = `${pick(['2026', '2024', '1900', '2000', '0000', '9999'])}-${pick(['01', '02', '04', '12', '13', '00', twoDigits()])}-${pick(['01', '28', '29', '30', '31', '32', twoDigits()])}`
        + `${pick(['T', 't', ' ', '\t', '_'])}${pick(['00', '12', '23', '24', twoDigits()])}:${pick(['00', '59', '60', twoDigits()])}:${pick(['00', '59', '60', '61', twoDigits()])}`
        + `${pick(['', '', '.', '.5', '.123', '.1234567'])}${pick(['Z', 'z', '', '+00:00', '-05:30', '+0530', '+05', '+23:59', '+24:00', '-12:60', 'Z+01:00'])}`;
      if (random() < 0.1) text = text.slice(0, Math.floor(random() * text.length));
      const ajvSays = ajvDateTime.validate(text);
      const leapSecond = /^.{17}6/.test(text);
      const hourOnlyOffset = /[+-]\d\d$/.test(text);
      const otherWhitespace = /^.{10}[^\S ]/.test(text);
      const ours = parseInstant(text);
      if (ours !== undefined) accepted++;
      expect(ours !== undefined, text).toBe(ajvSays && !leapSecond && !hourOnlyOffset && !otherWhitespace);
    }
    expect(accepted).toBeGreaterThan(1000);
  });
});

describe('daysInMonth', () => {
  it.each([
    [2026, 1, 31], [2026, 2, 28], [2026, 3, 31], [2026, 4, 30], [2026, 5, 31], [2026, 6, 30],
    [2026, 7, 31], [2026, 8, 31], [2026, 9, 30], [2026, 10, 31], [2026, 11, 30], [2026, 12, 31],
    [2024, 2, 29], [2000, 2, 29], [1900, 2, 28], [2100, 2, 28], [0, 2, 29],
  ])('%d-%d has %d days', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });
});
