/**
 * Instants written as date-times with a UTC offset (RFC 3339 §5.6), read once, strictly:
 *
 *   YYYY-MM-DD ( T | t | space ) hh:mm:ss [ .fraction ] ( Z | z | ±hh:mm | ±hhmm )
 *
 * Every field is range-checked: month 1–12, the day within its month (leap years included), hour 0–23,
 * minute 0–59, second 0–59, offset hours 0–23 and minutes 0–59. A leap second (`:60`) is refused: no
 * instant in epoch milliseconds (which count no leap seconds) names it. Fractions of any length are cut,
 * not rounded, to milliseconds. Years 0000–9999 are the proleptic Gregorian calendar, as `Date` counts.
 *
 * Other forms (a date alone, an offset of hours alone, other whitespace between date and time) are the
 * callers' to add: each vendor accepts its own.
 *
 * Pure functions without `Date` or allocation: no imports, safe for the browser, cheap per request.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const DASH = 0x2d;
const COLON = 0x3a;
const DOT = 0x2e;
const PLUS = 0x2b;
const SPACE = 0x20;
const DIGIT_0 = 0x30;
const UPPER_T = 0x54;
const LOWER_T = 0x74;
const UPPER_Z = 0x5a;
const LOWER_Z = 0x7a;

/**
 * The epoch milliseconds of an RFC 3339 date-time with offset (see above), or undefined when `text` is not
 * exactly one, or names a field out of range (`02-30`, `24:00`, a leap second, an offset of `+24:00`).
 */
export function parseInstant(text: string): number | undefined {
  // Date and time: fixed positions, `YYYY-MM-DDThh:mm:ss` is 19 characters.
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  if (text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH || text.charCodeAt(13) !== COLON || text.charCodeAt(16) !== COLON) return undefined;
  const separator = text.charCodeAt(10);
  if (separator !== UPPER_T && separator !== LOWER_T && separator !== SPACE) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;

  // Fraction: at least one digit, the first three kept.
  let at = 19;
  let millis = 0;
  if (text.charCodeAt(at) === DOT) {
    const start = ++at;
    for (let digit = digitAt(text, at); digit >= 0; digit = digitAt(text, ++at)) {
      if (at - start < 3) millis = millis * 10 + digit;
    }
    if (at === start) return undefined;
    for (let kept = at - start; kept < 3; kept++) millis *= 10;
  }

  // Offset, which must end the text.
  const offsetMinutes = offsetAt(text, at);
  if (offsetMinutes === undefined) return undefined;

  const seconds = hour * 3600 + minute * 60 + second;
  return daysFromCivil(year, month, day) * DAY_MS + seconds * 1000 + millis - offsetMinutes * MINUTE_MS;
}

/** The number of days in `month` (1–12) of `year`, in the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Minutes east of UTC of the offset that starts at `at` and ends the text; undefined when there is none. */
function offsetAt(text: string, at: number): number | undefined {
  const sign = text.charCodeAt(at);
  if (sign === UPPER_Z || sign === LOWER_Z) return text.length === at + 1 ? 0 : undefined;
  if (sign !== PLUS && sign !== DASH) return undefined;
  const hours = digits(text, at + 1, 2);
  let minutes: number;
  if (text.length === at + 6 && text.charCodeAt(at + 3) === COLON) minutes = digits(text, at + 4, 2); // ±hh:mm
  else if (text.length === at + 5) minutes = digits(text, at + 3, 2); // ±hhmm
  else return undefined;
  if (hours < 0 || minutes < 0 || hours > 23 || minutes > 59) return undefined;
  return (sign === DASH ? -1 : 1) * (hours * 60 + minutes);
}

/** The value of the `count` decimal digits at `from`, or -1 when any of them is not a digit (or is missing). */
function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const digit = digitAt(text, i);
    if (digit < 0) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** The digit at `index`, or -1 for anything else (including past the end). */
function digitAt(text: string, index: number): number {
  const digit = text.charCodeAt(index) - DIGIT_0;
  return digit >= 0 && digit <= 9 ? digit : -1;
}

/** Days from 1970-01-01 to a date (month 1–12) of the proleptic Gregorian calendar (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400; // 0–399
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1; // from March 1st
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
