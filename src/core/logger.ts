/**
 * The core's logger hook: adapters pass the logger of their world (pino in the CLI, the console in a
 * page). The core reports through it what went wrong unexpectedly (with the stack and the request's
 * correlation id) and, at `info`, one record per answered request (method, path, status, ms, request id).
 * The shape is pino's, so a pino logger is one as it is.
 */

export interface Logger {
  error(details: object, message: string): void;
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
  debug(details: object, message: string): void;
  /** pino's: lets the core skip building a request record nobody will see. Absent: every level is on. */
  isLevelEnabled?(level: string): boolean;
}

const ignore = () => {};

/** Says nothing: the default, so that a library user's test output stays clean unless they ask. */
export const silentLogger: Logger = { error: ignore, warn: ignore, info: ignore, debug: ignore, isLevelEnabled: () => false };

/** What a log line carries of an unexpected error: its name, message and stack. */
export function errorDetails(error: unknown): { name: string; message: string; stack?: string } {
  if (error instanceof Error) return { name: error.name, message: error.message, ...(error.stack === undefined ? {} : { stack: error.stack }) };
  return { name: 'NonError', message: String(error) };
}

/** The message of every request record: one line per answered request, found by it in any log. */
export const REQUEST_MESSAGE = 'request';

/**
 * One answered request as the log shows it. Never a header (Authorization, Cookie) nor a body: what could
 * hold a credential is left out, and the query's credentials (`token=`, `api_key=`, …) are redacted.
 */
export interface RequestRecord {
  readonly reqId: string | undefined;
  readonly method: string;
  readonly path: string;
  /** The raw query string with credentials' values replaced by `[redacted]`; absent when there is none. */
  readonly query: string | undefined;
  readonly status: number;
  /** From when the adapter met the request to when its answer was ready, in milliseconds. */
  readonly ms: number;
  /** The API it belongs to (`onepin`, `admin`, …); absent off the mounts. */
  readonly api: string | undefined;
  /** The fault rule that answered or delayed it, when one did. */
  readonly fault: string | undefined;
}

