/**
 * StackAI's `start_date` / `end_date` (specs/stackai.yaml, "Date-only bounds"): an RFC 3339 date-time with
 * `Z` or an offset, or a date `YYYY-MM-DD` meaning 00:00:00Z of that day. The spec's formats decide what is
 * accepted (ajv, in parseParameters); this module turns accepted text into an instant, and explains rejected
 * text the way the vendor's FastAPI/pydantic stack does, so that a 422 reads like the real one.
 */
import type { Millis } from '../../domain/records.ts';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// ajv-formats' date-time: separator T, t or whitespace; offset Z, z, ±hh:mm or ±hhmm; any fraction length.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt\s](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):?(\d{2}))$/;
// What pydantic accepts as a datetime without a zone (which the spec refuses: date-times carry a zone).
const NAIVE_TIME = /^[Tt_ ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?$/;

/** The instant a valid bound names, at millisecond precision (extra fraction digits are cut), else undefined. */
export function instantOf(text: string): Millis | undefined {
  const date = DATE.exec(text);
  if (date !== null) return utc(Number(date[1]), Number(date[2]), Number(date[3]), 0, 0, 0, 0);
  const dt = DATE_TIME.exec(text);
  if (dt === null) return undefined;
  const [, y, mo, d, h, mi, s, fraction, sign, offH, offM] = dt;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 60 || Number(offH ?? 0) > 23 || Number(offM ?? 0) > 59) return undefined;
  const ms = Number((fraction ?? '').slice(0, 3).padEnd(3, '0'));
  // A leap second (:60) rolls over into the next minute, the nearest instant JavaScript can name.
  const local = utc(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), ms);
  if (local === undefined) return undefined;
  const offset = sign === undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(offH) * 60 + Number(offM)) * 60_000;
  return local - offset;
}

function utc(year: number, month: number, day: number, h: number, mi: number, s: number, ms: number): Millis | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // not Date.UTC: it reads years 0–99 as 1900–1999
  date.setUTCHours(h, mi, s, ms);
  return date.getTime();
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export interface DateRejection {
  /** pydantic's error type. */
  readonly type: 'datetime_type' | 'timezone_aware' | 'datetime_from_date_parsing';
  readonly msg: string;
}

/**
 * Why a bound was refused, in pydantic v2's words: a datetime without a zone is `timezone_aware`; other text
 * fails as a datetime and then as a date, and pydantic reports the date parser's (speedate's) reason.
 */
export function dateRejection(value: unknown): DateRejection {
  if (typeof value !== 'string') return { type: 'datetime_type', msg: 'Input should be a valid datetime' };
  const reason = dateReason(value);
  if (reason === undefined && NAIVE_TIME.test(value.slice(10))) return { type: 'timezone_aware', msg: 'Input should have timezone info' };
  // A valid date followed by anything but a zoned time: speedate's date parser stops at the extra text.
  return { type: 'datetime_from_date_parsing', msg: `Input should be a valid datetime or date, ${reason ?? 'unexpected extra characters at the end of the input'}` };
}

/** speedate's `Date::parse_bytes_partial` checks, in its order; undefined when the first 10 bytes are a date. */
function dateReason(text: string): string | undefined {
  const b = Buffer.from(text, 'utf8');
  const digit = (i: number) => (b[i] ?? 0) >= 0x30 && (b[i] ?? 0) <= 0x39;
  const num = (from: number, to: number) => Number(b.subarray(from, to).toString('latin1'));
  if (b.length < 10) return 'input is too short';
  if (![0, 1, 2, 3].every(digit)) return 'invalid character in year';
  if (num(0, 4) < 1600) return 'years before 1600 are not supported';
  if (b[4] !== 0x2d) return 'invalid date separator, expected `-`';
  if (![5, 6].every(digit)) return 'invalid character in month';
  if (b[7] !== 0x2d) return 'invalid date separator, expected `-`';
  if (![8, 9].every(digit)) return 'invalid character in day';
  const month = num(5, 7);
  if (month < 1 || month > 12) return 'month value is outside expected range of 1-12';
  const day = num(8, 10);
  if (day < 1 || day > daysIn(num(0, 4), month)) return 'day value is outside expected range';
  return undefined;
}
