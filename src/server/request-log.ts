/**
 * The server's log: pino, on stderr, one JSON line per event (or pretty text for a person at a terminal).
 * The core writes the records through its logger hook (src/core/logger.ts): one per answered request at
 * `info` (method, path, status, ms, request id; never a header, query credentials redacted), unexpected
 * errors with their stack and request id at `error`. `--log-level warn` silences the request lines.
 *
 * JSON lines are written asynchronously (pino.destination, sync: false): a line per request costs a few
 * microseconds, not a blocking write; pino flushes what is buffered when the process exits.
 */
import { createRequire } from 'node:module';
import { pino, type Logger as PinoLogger } from 'pino';
import { REQUEST_MESSAGE } from '../core/logger.ts';

export type LogFormat = 'auto' | 'pretty' | 'json';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';

export interface ServerLogOptions {
  readonly level?: LogLevel;
  /** auto (the default): pretty when stderr is a terminal, JSON otherwise. */
  readonly format?: LogFormat;
  /** Where lines go: a file descriptor (2, stderr, by default) or a stream (tests). */
  readonly destination?: number | NodeJS.WritableStream;
}

/** The fields of a request record, shown by the pretty format in its message rather than after it. */
const REQUEST_FIELDS = ['reqId', 'method', 'path', 'query', 'status', 'ms', 'api', 'fault'];

export async function createServerLog({ level = 'info', format = 'auto', destination = 2 }: ServerLogOptions = {}): Promise<PinoLogger> {
  const options = { level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime };
  const pretty = format === 'pretty' || (format === 'auto' && destination === 2 && process.stderr.isTTY === true);
  if (!pretty) {
    return pino(options, typeof destination === 'number' ? pino.destination({ dest: destination, sync: false }) : destination);
  }
  // Loaded only for a person at a terminal: JSON needs none of it. Required (it is CommonJS), not import()ed:
  // the command line's bundle runs as a node:vm script with V8's code cache, which cannot import()
  // (docs/package.md#start-up).
  const prettyStream = createRequire(import.meta.url)('pino-pretty') as typeof import('pino-pretty');
  return pino(options, prettyStream({
    destination,
    sync: true,
    colorize: destination === 2 && process.stderr.isTTY === true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: ['pid', 'hostname', ...REQUEST_FIELDS].join(','),
    messageFormat: prettyMessage,
  }));
}

/** `GET /onepin/api/v1/… 200 1.2 ms onepin 3f2c…` for a request; other messages with their path and API. */
function prettyMessage(log: Record<string, unknown>, messageKey: string): string {
  const message = String(log[messageKey] ?? '');
  if (message !== REQUEST_MESSAGE) {
    const where = [log.api, log.path].filter((part) => part !== undefined).join(' ');
    return where === '' ? message : `${message} (${where})`;
  }
  const query = typeof log.query === 'string' ? `?${log.query}` : '';
  const fault = log.fault === undefined ? '' : ` fault ${String(log.fault)}`;
  return `${String(log.method)} ${String(log.path)}${query} ${String(log.status)} ${String(log.ms)} ms${fault}  ${String(log.reqId ?? '')}`;
}
