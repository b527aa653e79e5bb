/**
 * StackAI's `start_date` / `end_date` (specs/stackai.yaml, "Date-only bounds"): an RFC 3339 date-time with
 * `Z` or an offset, or a date `YYYY-MM-DD` meaning 00:00:00Z of that day. The spec's formats decide what is
 * accepted (ajv, in parseParameters); this module turns accepted text into an instant, and explains rejected
 * text the way the vendor's FastAPI/pydantic stack does, so that a 422 reads like the real one.
 */
import type { Millis } from '../../domain/records.ts';
import { daysInMonth, parseInstant } from '../../lib/instant.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
// ajv-formats' date-time lets any whitespace stand between date and time, and so does StackAI.
const OTHER_WHITESPACE_SEPARATOR = /^.{10}[^\S ]/;
// What pydantic accepts as a datetime without a zone (which the spec refuses: date-times carry a zone).
const NAIVE_TIME = /^[Tt_ ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?$/;

/**
 * The instant a valid bound names, at millisecond precision (extra fraction digits are cut), else undefined:
 * a date-time with `Z`, `±hh:mm` or `±hhmm` (T, t or whitespace between date and time; a leap second, :60,
 * names no instant in ms and is refused), or a date alone, meaning 00:00:00Z of that day.
 */
export function instantOf(text: string): Millis | undefined {
  if (DATE.test(text)) return parseInstant(`${text}T00:00:00Z`);
  if (OTHER_WHITESPACE_SEPARATOR.test(text)) return parseInstant(`${text.slice(0, 10)}T${text.slice(11)}`);
  return parseInstant(text);
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
  const b = new TextEncoder().encode(text);
  const digit = (i: number) => (b[i] ?? 0) >= 0x30 && (b[i] ?? 0) <= 0x39;
  const num = (from: number, to: number) => Number(String.fromCharCode(...b.subarray(from, to)));
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
  if (day < 1 || day > daysInMonth(num(0, 4), month)) return 'day value is outside expected range';
  return undefined;
}
