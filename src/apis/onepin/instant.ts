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
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = Number(match[6]);
  const millis = match[7] === undefined ? 0 : Number(`${match[7]}00`.slice(0, 3));
  const sign = match[8] === '-' ? -1 : 1;
  const offsetHours = match[9] === undefined ? 0 : Number(match[9]);
  const offsetMinutes = match[10] === undefined ? 0 : Number(match[10]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined; // e.g. 02-30
  if (hour > 23 || minute > 59 || second > 60 || offsetHours > 23 || offsetMinutes > 59) return undefined;
  // Date.UTC reads years 0-99 as 1900-1999: those go through setUTCFullYear. A leap second (:60) is the
  // instant after :59.999, as RFC 3339 counts it (Date.UTC carries it into the next minute).
  let at = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  if (year < 100) {
    const date = new Date(0);
    date.setUTCFullYear(year, month - 1, day);
    date.setUTCHours(hour, minute, second, millis);
    at = date.getTime();
  }
  return at - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A date and time without any offset, e.g. `2026-01-01T00:00:00`: the case the vendor names. */
export function isNaiveDateTime(text: string): boolean {
  return NAIVE_DATE_TIME.test(text);
}
