/**
 * The core's logger hook: adapters pass the logger of their world (pino in the CLI, the console in a
 * page); the core only ever reports what went wrong unexpectedly, with the stack and the request's
 * correlation id. The shape is pino's, so a pino logger is one as it is.
 */
export interface Logger {
  error(details: object, message: string): void;
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
  debug(details: object, message: string): void;
}

const ignore = () => {};

/** Says nothing: the default, so that a library user's test output stays clean unless they ask. */
export const silentLogger: Logger = { error: ignore, warn: ignore, info: ignore, debug: ignore };

/** What a log line carries of an unexpected error: its name, message and stack. */
export function errorDetails(error: unknown): { name: string; message: string; stack?: string } {
  if (error instanceof Error) return { name: error.name, message: error.message, ...(error.stack === undefined ? {} : { stack: error.stack }) };
  return { name: 'NonError', message: String(error) };
}
