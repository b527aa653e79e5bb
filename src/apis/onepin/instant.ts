/**
 * OnePin's `from`/`to` are RFC 3339 date-times that MUST carry a UTC offset (a naive datetime is a
 * 422). ajv's `date-time` format decides what is valid; this turns an accepted value into the instant
 * it names, at millisecond precision (docs/apis.md#common-rules: instants compare in ms), and tells a naive
 * datetime apart from other garbage so the 422 can say which it is.
 */
import type { Millis } from '../../domain/records.ts';
import { parseInstant } from '../../lib/instant.ts';

// ajv-formats' `date-time` also takes an offset of hours alone (`+05`), and so does OnePin.
const HOUR_ONLY_OFFSET = /:\d\d(?:\.\d+)?[+-]\d\d$/;
const NAIVE_DATE_TIME = /^\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?$/;

/**
 * The instant of a date-time with a UTC offset, fraction truncated to ms; undefined if it is not one.
 * `T`, `t` or a space between date and time; `Z`, `z`, `±hh:mm`, `±hhmm` or `±hh`. A leap second (:60)
 * names no instant in ms and is refused.
 */
export function parseOffsetDateTime(text: string): Millis | undefined {
  return HOUR_ONLY_OFFSET.test(text) ? parseInstant(`${text}:00`) : parseInstant(text);
}

/** A date and time without any offset, e.g. `2026-01-01T00:00:00`: the case the vendor names. */
export function isNaiveDateTime(text: string): boolean {
  return NAIVE_DATE_TIME.test(text);
}
