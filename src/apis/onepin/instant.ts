/**
 * OnePin's `from`/`to` are RFC 3339 date-times that MUST carry a UTC offset (a naive datetime is a
 * 422). ajv's `date-time` format decides what is valid; this turns an accepted value into the instant
 * it names, at millisecond precision (product design §2: instants compare in ms), and tells a naive
 * datetime apart from other garbage so the 422 can say which it is.
 */
import type { Millis } from '../../domain/records.ts';

// The shapes ajv-formats' `date-time` accepts: `T`, `t` or a space between date and time, any number of
// fraction digits, `Z` or `±hh`, `±hhmm`, `±hh:mm`.
const OFFSET_DATE_TIME = /^(\d{4})-(\d\d)-(\d\d)[Tt ](\d\d):(\d\d):(\d\d)(?:\.(\d+))?(?:[Zz]|([+-])(\d\d)(?::?(\d\d))?)$/;
const NAIVE_DATE_TIME = /^\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?$/;

/** The instant of a date-time with a UTC offset, fraction truncated to ms; undefined if it is not one. */
export function parseOffsetDateTime(text: string): Millis | undefined {
  const match = OFFSET_DATE_TIME.exec(text);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const millis = Number(((match[7] ?? '') + '000').slice(0, 3));
  const sign = match[8] === '-' ? -1 : 1;
  const offsetHours = Number(match[9] ?? 0);
  const offsetMinutes = Number(match[10] ?? 0);
  if (hour > 23 || minute > 59 || second > 60 || offsetHours > 23 || offsetMinutes > 59) return undefined;
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined; // e.g. 02-30
  // A leap second (:60) is the instant after :59.999, as RFC 3339 counts it.
  date.setUTCHours(hour, minute, second, millis);
  return date.getTime() - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
}

/** A date and time without any offset, e.g. `2026-01-01T00:00:00`: the case the vendor names. */
export function isNaiveDateTime(text: string): boolean {
  return NAIVE_DATE_TIME.test(text);
}
