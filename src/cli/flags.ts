/** Flag values every command reads alike: a bad one is bad usage (exit 2) with one line saying what to give. */
import { CommanderError } from 'commander';
import { isClockInstant } from '../domain/clock.ts';
import { parseInstant } from '../lib/instant.ts';

/** `--now`: an ISO 8601 date-time with an offset, within the clock's range (epoch ms). */
export function parseNow(value: string): number {
  const at = parseInstant(value);
  if (at === undefined || !isClockInstant(at)) {
    throw new CommanderError(2, 'flowmock.now', `invalid --now "${value}": give an ISO 8601 date-time with a UTC offset from 1970 to 9999, e.g. 2026-11-20T12:00:00Z`);
  }
  return at;
}
